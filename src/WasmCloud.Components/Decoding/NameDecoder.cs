using WasmCloud.Components.Format;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Decoding;

namespace WasmCloud.Components.Decoding;

/// <summary>
/// Reads <c>nameattributes</c>: an extern name behind a 0x00/0x01 tag (the tags are a wart of the binary
/// format and mean the same), or behind 0x02 followed by attributes, which identify nothing and are skipped
/// after checking their form and that no kind repeats.
/// </summary>
internal static class NameDecoder
{
    public static string ReadExternName(WasmReader r)
    {
        var tag = r.ReadByte();
        switch (tag)
        {
            case 0x00:
            case 0x01:
                return r.ReadName();
            case 0x02:
                var name = r.ReadName();
                SkipAttributes(r);
                return name;
            default:
                throw new MalformedModuleException($"malformed extern name tag 0x{tag:x2}", r.AbsoluteOffset - 1);
        }
    }

    private static void SkipAttributes(WasmReader r)
    {
        var count = r.ReadCount(3, "name attributes");
        var seen = 0;
        for (var i = 0; i < count; i++)
        {
            var offset = r.AbsoluteOffset;
            var kind = r.ReadByte();
            if (kind > 2) throw new MalformedModuleException($"malformed name attribute 0x{kind:x2}", offset);
            if ((seen & (1 << kind)) != 0) throw new InvalidModuleException("a name attribute appears twice", offset);
            seen |= 1 << kind;
            var value = r.ReadName();
            if (kind == 0 && !ExternNames.IsInterfaceName(value))
                throw new InvalidModuleException($"`{value}` is not a valid interface name for `implements`", offset);
        }
    }
}
