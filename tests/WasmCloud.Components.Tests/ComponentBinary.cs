using System.Text;

namespace WasmCloud.Components.Tests;

/// <summary>Assembles component binaries section by section, for tests that need a small hand-made component.</summary>
internal sealed class ComponentBinary
{
    private readonly List<byte> _bytes = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

    public ComponentBinary Section(byte id, params byte[] contents)
    {
        _bytes.Add(id);
        _bytes.AddRange(Leb(contents.Length));
        _bytes.AddRange(contents);
        return this;
    }

    /// <summary>A vector section: the count, then the items' bytes.</summary>
    public ComponentBinary Vector(byte id, params byte[][] items) => Section(id, [.. Leb(items.Length), .. items.SelectMany(i => i)]);

    public byte[] ToArray() => [.. _bytes];

    public static byte[] Name(string name) => [.. Leb(Encoding.UTF8.GetByteCount(name)), .. Encoding.UTF8.GetBytes(name)];

    public static byte[] Leb(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        do
        {
            var b = (byte)(v & 0x7f);
            v >>= 7;
            bytes.Add(v == 0 ? b : (byte)(b | 0x80));
        } while (v != 0);
        return [.. bytes];
    }
}
