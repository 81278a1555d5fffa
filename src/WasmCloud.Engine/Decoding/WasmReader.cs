using System.Text;

namespace WasmCloud.Wasm.Decoding;

/// <summary>
/// Reads the primitive encodings of the binary format (bytes, LEB128 integers, floats, names) from a slice
/// of a module. Every failure is a <see cref="MalformedModuleException"/> carrying the absolute byte offset.
/// </summary>
public sealed class WasmReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly int _baseOffset;
    private int _position;

    public WasmReader(ReadOnlyMemory<byte> memory, int baseOffset = 0)
    {
        _memory = memory;
        _baseOffset = baseOffset;
    }

    public int Position
    {
        get => _position;
        set => _position = value;
    }

    /// <summary>Offset in the whole module binary, for error messages.</summary>
    public int AbsoluteOffset => _baseOffset + _position;

    public int Remaining => _memory.Length - _position;
    public bool AtEnd => _position >= _memory.Length;

    public MalformedModuleException Error(string message) => new(message, AbsoluteOffset);

    public byte ReadByte()
    {
        if (_position >= _memory.Length) throw Error("unexpected end of section or function");
        return _memory.Span[_position++];
    }

    public byte PeekByte()
    {
        if (_position >= _memory.Length) throw Error("unexpected end of section or function");
        return _memory.Span[_position];
    }

    public ReadOnlyMemory<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining) throw Error("unexpected end: length out of bounds");
        var slice = _memory.Slice(_position, count);
        _position += count;
        return slice;
    }

    public uint ReadU32() => (uint)ReadUnsigned(32);
    public ulong ReadU64() => ReadUnsigned(64);
    public int ReadS32() => (int)ReadSigned(32);
    public long ReadS33() => ReadSigned(33);
    public long ReadS64() => ReadSigned(64);

    /// <summary>A u32 that must fit an <c>int</c> index or count.</summary>
    public int ReadIndex()
    {
        var value = ReadU32();
        if (value > int.MaxValue) throw Error("index or count too large");
        return (int)value;
    }

    /// <summary>A vector length, bounded so that a hostile count cannot force a huge allocation.</summary>
    public int ReadCount(int limit, string what)
    {
        var start = AbsoluteOffset;
        var count = ReadU32();
        if (count > (uint)limit) throw new MalformedModuleException($"too many {what}: {count} (limit {limit})", start);
        if (count > (uint)Remaining) throw new MalformedModuleException($"unexpected end: {count} {what} declared but only {Remaining} bytes remain", start);
        return (int)count;
    }

    public uint ReadF32Bits()
    {
        if (Remaining < 4) throw Error("unexpected end of f32 constant");
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_memory.Span[_position..]);
        _position += 4;
        return bits;
    }

    public ulong ReadF64Bits()
    {
        if (Remaining < 8) throw Error("unexpected end of f64 constant");
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_memory.Span[_position..]);
        _position += 8;
        return bits;
    }

    public string ReadName()
    {
        var length = ReadCount(WasmLimits.MaxNameLength, "name bytes");
        var bytes = ReadBytes(length);
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            throw Error("malformed UTF-8 encoding");
        }
    }

    private ulong ReadUnsigned(int bits)
    {
        ulong result = 0;
        var shift = 0;
        var maxBytes = (bits + 6) / 7;
        for (var i = 0; ; i++)
        {
            var b = ReadByte();
            if (i == maxBytes - 1)
            {
                if ((b & 0x80) != 0) throw Error("integer representation too long");
                var remaining = bits - shift;
                if (remaining < 7 && (b >> remaining) != 0) throw Error("integer too large");
                return result | ((ulong)b << shift);
            }
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
            shift += 7;
        }
    }

    private long ReadSigned(int bits)
    {
        long result = 0;
        var shift = 0;
        var maxBytes = (bits + 6) / 7;
        byte b;
        for (var i = 0; ; i++)
        {
            b = ReadByte();
            if (i == maxBytes - 1)
            {
                if ((b & 0x80) != 0) throw Error("integer representation too long");
                var remaining = bits - shift;
                var signBit = (b >> (remaining - 1)) & 1;
                var unusedMask = 0x7F & ~((1 << remaining) - 1);
                var unused = b & unusedMask;
                if (signBit == 1 ? unused != unusedMask : unused != 0) throw Error("integer too large");
                result |= (long)(b & 0x7F) << shift;
                shift += 7;
                break;
            }
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) break;
        }
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }
}
