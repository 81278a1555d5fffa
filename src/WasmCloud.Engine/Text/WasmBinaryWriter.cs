using System.Text;

namespace WasmCloud.Wasm.Text;

/// <summary>A growable byte buffer with the binary format's primitive encodings (LEB128, names, vectors).</summary>
internal sealed class WasmBinaryWriter
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public void Byte(byte value) => _bytes.Add(value);

    public void Bytes(ReadOnlySpan<byte> values)
    {
        foreach (var b in values) _bytes.Add(b);
    }

    public void Append(WasmBinaryWriter other) => _bytes.AddRange(other._bytes);

    public void U32(uint value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            _bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
    }

    public void S32(int value) => S64(value);

    public void S64(long value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            _bytes.Add(done ? b : (byte)(b | 0x80));
            if (done) return;
        }
    }

    public void F32Bits(uint bits)
    {
        for (var i = 0; i < 4; i++) _bytes.Add((byte)(bits >> (8 * i)));
    }

    public void F64Bits(ulong bits)
    {
        for (var i = 0; i < 8; i++) _bytes.Add((byte)(bits >> (8 * i)));
    }

    /// <summary>A length-prefixed byte string (names, data payloads).</summary>
    public void Name(ReadOnlySpan<byte> utf8)
    {
        U32((uint)utf8.Length);
        Bytes(utf8);
    }

    public void Name(string name) => Name(Encoding.UTF8.GetBytes(name));

    /// <summary>A length-prefixed nested payload, as sections and function bodies are written.</summary>
    public void Sized(WasmBinaryWriter payload)
    {
        U32((uint)payload.Length);
        Append(payload);
    }

    public byte[] ToArray() => [.. _bytes];
}
