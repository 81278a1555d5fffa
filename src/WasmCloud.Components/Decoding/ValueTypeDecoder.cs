using WasmCloud.Components.Format;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Decoding;

namespace WasmCloud.Components.Decoding;

/// <summary>Reads <c>defvaltype</c> and <c>valtype</c>.</summary>
internal static class ValueTypeDecoder
{
    /// <summary>
    /// <c>valtype</c>: an s33 whose negative values are primitive-type opcodes (0x7f = -1 …) and whose
    /// non-negative values are type indices.
    /// </summary>
    public static ValTypeRef ReadValType(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        var value = r.ReadS33();
        if (value >= 0)
        {
            if (value > int.MaxValue) throw new MalformedModuleException("type index too large", offset);
            return ValTypeRef.At((int)value);
        }
        return ValTypeRef.Of(ToPrimitive((byte)(value & 0x7f), offset));
    }

    private static PrimitiveType ToPrimitive(byte code, int offset) => code switch
    {
        >= 0x73 and <= 0x7f => (PrimitiveType)code,
        0x64 => throw new UnsupportedFeatureException("error-context (📝)", offset),
        _ => throw new MalformedModuleException($"malformed value type 0x{code:x2}", offset),
    };

    public static DefTypeSyntax ReadDefValType(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        var code = r.ReadByte();
        switch (code)
        {
            case 0x72:
                var fields = TypeDecoder.ReadLabeledTypes(r);
                if (fields.Length == 0) throw new MalformedModuleException("record type must have at least one field", offset);
                return new RecordSyntax(fields);
            case 0x71:
                var cases = new CaseSyntax[r.ReadCount(ComponentLimits.MaxTypeSize, "variant cases")];
                if (cases.Length == 0) throw new MalformedModuleException("variant type must have at least one case", offset);
                for (var i = 0; i < cases.Length; i++)
                {
                    var label = r.ReadName();
                    var payload = TypeDecoder.ReadOptional(r, x => (ValTypeRef?)ReadValType(x));
                    if (r.ReadByte() != 0x00) throw new MalformedModuleException("malformed variant case (refinements are not supported)", r.AbsoluteOffset - 1);
                    cases[i] = new CaseSyntax(label, payload);
                }
                return new VariantSyntax(cases);
            case 0x70:
                return new ListSyntax(ReadValType(r));
            case 0x67:
                throw new UnsupportedFeatureException("fixed-length lists (🔧)", offset);
            case 0x6f:
                var elements = new ValTypeRef[r.ReadCount(ComponentLimits.MaxTypeSize, "tuple elements")];
                if (elements.Length == 0) throw new MalformedModuleException("tuple type must have at least one element", offset);
                for (var i = 0; i < elements.Length; i++) elements[i] = ReadValType(r);
                return new TupleSyntax(elements);
            case 0x6e:
                var flags = ReadLabels(r);
                if (flags.Length == 0) throw new MalformedModuleException("flags type must have at least one flag", offset);
                if (flags.Length > ComponentLimits.MaxFlags) throw new InvalidModuleException($"cannot have more than {ComponentLimits.MaxFlags} flags", offset);
                return new FlagsSyntax(flags);
            case 0x6d:
                var labels = ReadLabels(r);
                if (labels.Length == 0) throw new MalformedModuleException("enum type must have at least one variant", offset);
                return new EnumSyntax(labels);
            case 0x6b:
                return new OptionSyntax(ReadValType(r));
            case 0x6a:
                var ok = TypeDecoder.ReadOptional(r, x => (ValTypeRef?)ReadValType(x));
                return new ResultSyntax(ok, TypeDecoder.ReadOptional(r, x => (ValTypeRef?)ReadValType(x)));
            case 0x69:
                return new OwnSyntax(r.ReadIndex());
            case 0x68:
                return new BorrowSyntax(r.ReadIndex());
            case 0x66 or 0x65:
                throw new UnsupportedFeatureException("streams and futures (🔀)", offset);
            case 0x63:
                throw new UnsupportedFeatureException("maps (🗺️)", offset);
            default:
                return new PrimitiveTypeSyntax(ToPrimitive(code, offset));
        }
    }

    private static string[] ReadLabels(WasmReader r)
    {
        var labels = new string[r.ReadCount(ComponentLimits.MaxTypeSize, "labels")];
        for (var i = 0; i < labels.Length; i++) labels[i] = r.ReadName();
        return labels;
    }
}
