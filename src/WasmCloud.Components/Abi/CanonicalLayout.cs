using System.Runtime.CompilerServices;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using CoreValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Components.Abi;

/// <summary>
/// The Canonical ABI's static facts about a type: alignment, size in memory, flattening. Those of a compound type are
/// worked out once per type object and kept beside it, as every call through the dynamic path asks for them again.
/// </summary>
public static class CanonicalLayout
{
    private sealed class Facts
    {
        public required int Alignment { get; init; }
        public required int Size { get; init; }
        public required CoreValueType[] Flat { get; init; }
        public required bool NeedsMemory { get; init; }
        public ValType?[]? Cases { get; init; }
        public string[]? CaseNames { get; init; }
    }

    private static readonly ConditionalWeakTable<ValType, Facts> Known = new();

    private static Facts Of(ValType type) => Known.TryGetValue(type, out var facts) ? facts : Known.GetValue(type, Work);

    private static Facts Work(ValType type)
    {
        var cases = type switch
        {
            VariantType v => v.Cases.Select(c => c.Type).ToArray(),
            OptionType o => [null, o.Payload],
            ResultType r => new[] { r.Ok, r.Error },
            _ => null,
        };
        var alignment = type switch
        {
            RecordType r => r.Fields.Max(f => Alignment(f.Type)),
            TupleType t => t.Elements.Max(Alignment),
            FlagsType f => FlagsSize(f.Labels.Length),
            EnumType e => DiscriminantSize(e.Labels.Length),
            _ when cases is not null => Math.Max(DiscriminantSize(cases.Length), MaxCaseAlignment(cases)),
            _ => 4,
        };
        var size = type switch
        {
            RecordType r => RecordSize(r.Fields.Select(f => f.Type)),
            TupleType t => RecordSize(t.Elements),
            FlagsType f => FlagsSize(f.Labels.Length),
            EnumType e => DiscriminantSize(e.Labels.Length),
            _ when cases is not null => AlignTo(PayloadOffset(cases) + cases.Max(c => c is null ? 0 : Size(c)), alignment),
            _ => 4,
        };
        var flat = new List<CoreValueType>();
        FlattenOnce(type, cases, flat);
        return new Facts
        {
            Alignment = alignment,
            Size = size,
            Flat = [.. flat],
            NeedsMemory = type switch
            {
                RecordType r => r.Fields.Any(f => NeedsMemory(f.Type)),
                TupleType t => t.Elements.Any(NeedsMemory),
                _ => cases is not null && cases.Any(c => c is not null && NeedsMemory(c)),
            },
            Cases = cases,
            CaseNames = type switch
            {
                VariantType v => v.Cases.Select(c => c.Name).ToArray(),
                OptionType => ["none", "some"],
                ResultType => ["ok", "error"],
                _ => null,
            },
        };
    }

    public static int Alignment(ValType type) => type switch
    {
        PrimitiveValType p => p.Kind switch
        {
            PrimitiveType.Bool or PrimitiveType.S8 or PrimitiveType.U8 => 1,
            PrimitiveType.S16 or PrimitiveType.U16 => 2,
            PrimitiveType.S64 or PrimitiveType.U64 or PrimitiveType.F64 => 8,
            _ => 4,
        },
        ListType or HandleType => 4,
        _ => Of(type).Alignment,
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
        HandleType => 4,
        _ => Of(type).Size,
    };

    public static int AlignTo(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;

    /// <summary>Bytes of the discriminant of a variant with <paramref name="caseCount"/> cases.</summary>
    public static int DiscriminantSize(int caseCount) => caseCount <= 256 ? 1 : caseCount <= 65536 ? 2 : 4;

    public static int FlagsSize(int count) => count <= 8 ? 1 : count <= 16 ? 2 : 4;

    /// <summary>Despecialisation: the cases of a variant, option or result (null for other types); shared, not to be changed.</summary>
    public static ValType?[]? VariantCases(ValType type) => type is VariantType or OptionType or ResultType ? Of(type).Cases : null;

    /// <summary>The case names of a variant, option or result; shared, not to be changed.</summary>
    public static string[] CaseNames(ValType type) => Of(type).CaseNames ?? throw new ArgumentException($"{type} has no cases", nameof(type));

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

    /// <summary>The size in memory of a tuple of <paramref name="types"/> (a function's parameters or results spilled to memory).</summary>
    public static int TupleSize(IReadOnlyList<ValType> types) => RecordSize(types);

    public static int TupleAlignment(IReadOnlyList<ValType> types)
    {
        var alignment = 1;
        for (var i = 0; i < types.Count; i++) alignment = Math.Max(alignment, Alignment(types[i]));
        return alignment;
    }

    /// <summary>The payload offset of a variant: the discriminant rounded up to the cases' alignment.</summary>
    public static int PayloadOffset(ValType?[] cases) => AlignTo(DiscriminantSize(cases.Length), MaxCaseAlignment(cases));

    private static readonly CoreValueType[] OneI32 = [CoreValueType.I32], OneI64 = [CoreValueType.I64], OneF32 = [CoreValueType.F32],
        OneF64 = [CoreValueType.F64], TwoI32 = [CoreValueType.I32, CoreValueType.I32];

    /// <summary>The core value types a value of <paramref name="type"/> flattens to; shared, not to be changed.</summary>
    public static CoreValueType[] Flat(ValType type) => type switch
    {
        PrimitiveValType p => p.Kind switch
        {
            PrimitiveType.S64 or PrimitiveType.U64 => OneI64,
            PrimitiveType.F32 => OneF32,
            PrimitiveType.F64 => OneF64,
            PrimitiveType.String => TwoI32,
            _ => OneI32,
        },
        ListType => TwoI32,
        HandleType => OneI32,
        _ => Of(type).Flat,
    };

    /// <summary>Appends the core value types a value of <paramref name="type"/> flattens to.</summary>
    public static void Flatten(ValType type, List<CoreValueType> flat) => flat.AddRange(Flat(type));

    private static void FlattenOnce(ValType type, ValType?[]? cases, List<CoreValueType> flat)
    {
        switch (type)
        {
            case RecordType r: foreach (var f in r.Fields) Flatten(f.Type, flat); break;
            case TupleType t: foreach (var e in t.Elements) Flatten(e, flat); break;
            case not null when cases is not null:
                flat.Add(CoreValueType.I32);
                var start = flat.Count;
                foreach (var c in cases)
                {
                    if (c is null) continue;
                    var caseFlat = Flat(c);
                    for (var i = 0; i < caseFlat.Length; i++)
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

    /// <summary>How many core values <paramref name="types"/> flatten to, without listing them.</summary>
    public static int FlatCount(IReadOnlyList<ValType> types)
    {
        var count = 0;
        for (var i = 0; i < types.Count; i++) count += Flat(types[i]).Length;
        return count;
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
        HandleType or FlagsType or EnumType => false,
        _ => Of(type).NeedsMemory,
    };
}
