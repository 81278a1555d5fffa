using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using CoreValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Components.Abi;

/// <summary>The Canonical ABI's static facts about a type: alignment, size in memory, flattening.</summary>
public static class CanonicalLayout
{
    public static int Alignment(ValType type) => type switch
    {
        PrimitiveValType p => p.Kind switch
        {
            PrimitiveType.Bool or PrimitiveType.S8 or PrimitiveType.U8 => 1,
            PrimitiveType.S16 or PrimitiveType.U16 => 2,
            PrimitiveType.S64 or PrimitiveType.U64 or PrimitiveType.F64 => 8,
            _ => 4,
        },
        ListType => 4,
        RecordType r => r.Fields.Max(f => Alignment(f.Type)),
        TupleType t => t.Elements.Max(Alignment),
        FlagsType f => FlagsSize(f.Labels.Length),
        EnumType e => DiscriminantSize(e.Labels.Length),
        _ when VariantCases(type) is { } cases => Math.Max(DiscriminantSize(cases.Length), MaxCaseAlignment(cases)),
        _ => 4,
    };

    public static int Size(ValType type) => type switch
    {
        PrimitiveValType p => p.Kind switch
        {
            PrimitiveType.Bool or PrimitiveType.S8 or PrimitiveType.U8 => 1,
            PrimitiveType.S16 or PrimitiveType.U16 => 2,
            PrimitiveType.S64 or PrimitiveType.U64 or PrimitiveType.F64 => 8,
            PrimitiveType.String => 8,
            _ => 4,
        },
        ListType => 8,
        RecordType r => RecordSize(r.Fields.Select(f => f.Type)),
        TupleType t => RecordSize(t.Elements),
        FlagsType f => FlagsSize(f.Labels.Length),
        EnumType e => DiscriminantSize(e.Labels.Length),
        _ when VariantCases(type) is { } cases => VariantSize(type, cases),
        _ => 4,
    };

    public static int AlignTo(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;

    /// <summary>Bytes of the discriminant of a variant with <paramref name="caseCount"/> cases.</summary>
    public static int DiscriminantSize(int caseCount) => caseCount <= 256 ? 1 : caseCount <= 65536 ? 2 : 4;

    public static int FlagsSize(int count) => count <= 8 ? 1 : count <= 16 ? 2 : 4;

    /// <summary>The payload offset of a variant: the discriminant rounded up to the cases' alignment.</summary>
    /// <summary>Despecialisation: the cases of a variant, option or result (null for other types).</summary>
    public static ValType?[]? VariantCases(ValType type) => type switch
    {
        VariantType v => v.Cases.Select(c => c.Type).ToArray(),
        OptionType o => [null, o.Payload],
        ResultType r => [r.Ok, r.Error],
        _ => null,
    };

    public static string[] CaseNames(ValType type) => type switch
    {
        VariantType v => v.Cases.Select(c => c.Name).ToArray(),
        OptionType => ["none", "some"],
        _ => ["ok", "error"],
    };

    private static int MaxCaseAlignment(ValType?[] cases) => cases.Max(c => c is null ? 1 : Alignment(c));

    private static int RecordSize(IEnumerable<ValType> fields)
    {
        int size = 0, alignment = 1;
        foreach (var field in fields)
        {
            var a = Alignment(field);
            size = AlignTo(size, a) + Size(field);
            alignment = Math.Max(alignment, a);
        }
        return AlignTo(size, alignment);
    }

    private static int VariantSize(ValType type, ValType?[] cases)
    {
        var size = AlignTo(DiscriminantSize(cases.Length), MaxCaseAlignment(cases)) + cases.Max(c => c is null ? 0 : Size(c));
        return AlignTo(size, Alignment(type));
    }

    public static int PayloadOffset(ValType?[] cases) => AlignTo(DiscriminantSize(cases.Length), MaxCaseAlignment(cases));

    /// <summary>The core value types a value of <paramref name="type"/> flattens to.</summary>
    public static void Flatten(ValType type, List<CoreValueType> flat)
    {
        switch (type)
        {
            case PrimitiveValType p:
                switch (p.Kind)
                {
                    case PrimitiveType.S64 or PrimitiveType.U64: flat.Add(CoreValueType.I64); break;
                    case PrimitiveType.F32: flat.Add(CoreValueType.F32); break;
                    case PrimitiveType.F64: flat.Add(CoreValueType.F64); break;
                    case PrimitiveType.String: flat.Add(CoreValueType.I32); flat.Add(CoreValueType.I32); break;
                    default: flat.Add(CoreValueType.I32); break;
                }
                break;
            case ListType: flat.Add(CoreValueType.I32); flat.Add(CoreValueType.I32); break;
            case RecordType r: foreach (var f in r.Fields) Flatten(f.Type, flat); break;
            case TupleType t: foreach (var e in t.Elements) Flatten(e, flat); break;
            case var v when VariantCases(v) is { } cases:
                flat.Add(CoreValueType.I32);
                var start = flat.Count;
                foreach (var c in cases)
                {
                    if (c is null) continue;
                    var caseFlat = new List<CoreValueType>();
                    Flatten(c, caseFlat);
                    for (var i = 0; i < caseFlat.Count; i++)
                    {
                        if (start + i < flat.Count) flat[start + i] = Join(flat[start + i], caseFlat[i]);
                        else flat.Add(caseFlat[i]);
                    }
                }
                break;
            default: flat.Add(CoreValueType.I32); break;
        }
    }

    public static List<CoreValueType> Flatten(IEnumerable<ValType> types)
    {
        var flat = new List<CoreValueType>();
        foreach (var t in types) Flatten(t, flat);
        return flat;
    }

    private static CoreValueType Join(CoreValueType a, CoreValueType b) =>
        a == b ? a : (a, b) is (CoreValueType.I32, CoreValueType.F32) or (CoreValueType.F32, CoreValueType.I32) ? CoreValueType.I32 : CoreValueType.I64;

    /// <summary>
    /// The core signature of a component function under <c>canon lift</c> (<paramref name="lift"/>) or
    /// <c>canon lower</c>: at most 16 flat parameters and 1 flat result, otherwise passed through memory.
    /// </summary>
    public static WasmCloud.Wasm.Format.FuncType CoreSignature(Types.FuncType type, bool lift)
    {
        var parameters = Flatten(type.Parameters.Select(p => p.Type));
        var results = Flatten(type.Result is null ? [] : [type.Result]);
        if (parameters.Count > MaxFlatParams) parameters = [CoreValueType.I32];
        if (results.Count > MaxFlatResults)
        {
            if (lift) results = [CoreValueType.I32];
            else
            {
                parameters.Add(CoreValueType.I32);
                results = [];
            }
        }
        return new WasmCloud.Wasm.Format.FuncType([.. parameters], [.. results]);
    }

    public const int MaxFlatParams = 16;
    public const int MaxFlatResults = 1;

    /// <summary>Whether lifting or lowering a value of this type touches linear memory (strings and lists).</summary>
    public static bool NeedsMemory(ValType type) => type switch
    {
        PrimitiveValType p => p.Kind == PrimitiveType.String,
        ListType => true,
        RecordType r => r.Fields.Any(f => NeedsMemory(f.Type)),
        TupleType t => t.Elements.Any(NeedsMemory),
        _ when VariantCases(type) is { } cases => cases.Any(c => c is not null && NeedsMemory(c)),
        _ => false,
    };
}
