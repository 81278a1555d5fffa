using WasmCloud.Components.Format;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Decoding;

namespace WasmCloud.Components.Decoding;

/// <summary>Reads <c>canon</c> definitions and their options; conflicting or repeated options are invalid.</summary>
internal static class CanonDecoder
{
    public static CanonSyntax ReadCanon(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        var code = r.ReadByte();
        switch (code)
        {
            case 0x00:
                ExpectFuncSort(r);
                var coreFunc = r.ReadIndex();
                var liftOptions = ReadOptions(r);
                return new CanonLift(coreFunc, liftOptions, r.ReadIndex());
            case 0x01:
                ExpectFuncSort(r);
                var func = r.ReadIndex();
                return new CanonLower(func, ReadOptions(r));
            case 0x02: return new CanonResourceNew(r.ReadIndex());
            case 0x03: return new CanonResourceDrop(r.ReadIndex());
            case 0x04: return new CanonResourceRep(r.ReadIndex());
            case 0x07: throw new UnsupportedFeatureException("async resource.drop (🔀)", offset);
            case 0x1c or 0x1d or 0x1e: throw new UnsupportedFeatureException("error-context built-ins (📝)", offset);
            case >= 0x05 and <= 0x2d: throw new UnsupportedFeatureException($"async built-in 0x{code:x2} (🔀)", offset);
            case >= 0x40 and <= 0x42: throw new UnsupportedFeatureException("thread built-ins (🧵)", offset);
            default: throw new MalformedModuleException($"malformed canon opcode 0x{code:x2}", offset);
        }
    }

    private static void ExpectFuncSort(WasmReader r)
    {
        if (r.ReadByte() != 0x00) throw new MalformedModuleException("malformed canon function sort", r.AbsoluteOffset - 1);
    }

    private static CanonOptions ReadOptions(WasmReader r)
    {
        var count = r.ReadCount(ComponentLimits.MaxArgs, "canonical options");
        StringEncoding? encoding = null;
        int? memory = null, realloc = null, postReturn = null;
        for (var i = 0; i < count; i++)
        {
            var offset = r.AbsoluteOffset;
            switch (r.ReadByte())
            {
                case var b and <= 0x02:
                    if (encoding is not null) throw new InvalidModuleException("canonical encoding option conflicts with a previous encoding option", offset);
                    encoding = (StringEncoding)b;
                    break;
                case 0x03: memory = Once(memory, r.ReadIndex(), "memory", offset); break;
                case 0x04: realloc = Once(realloc, r.ReadIndex(), "realloc", offset); break;
                case 0x05: postReturn = Once(postReturn, r.ReadIndex(), "post-return", offset); break;
                case 0x06 or 0x07: throw new UnsupportedFeatureException("async canonical options (🔀)", offset);
                default: throw new MalformedModuleException("malformed canonical option", offset);
            }
        }
        return new CanonOptions(encoding ?? StringEncoding.Utf8, memory, realloc, postReturn);
    }

    private static int Once(int? previous, int value, string option, int offset) =>
        previous is null ? value : throw new InvalidModuleException($"`{option}` is specified more than once", offset);
}
