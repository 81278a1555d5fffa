namespace WasmCloud.Components.Format;

/// <summary>The primitive value types; the numeric value is the binary opcode.</summary>
public enum PrimitiveType : byte
{
    Bool = 0x7f,
    S8 = 0x7e,
    U8 = 0x7d,
    S16 = 0x7c,
    U16 = 0x7b,
    S32 = 0x7a,
    U32 = 0x79,
    S64 = 0x78,
    U64 = 0x77,
    F32 = 0x76,
    F64 = 0x75,
    Char = 0x74,
    String = 0x73,
}

/// <summary>A <c>valtype</c> as written: a primitive, or an index into the type index space.</summary>
public readonly record struct ValTypeRef(PrimitiveType? Primitive, int Index)
{
    public static ValTypeRef Of(PrimitiveType primitive) => new(primitive, -1);
    public static ValTypeRef At(int typeIndex) => new(null, typeIndex);
    public override string ToString() => Primitive is { } p ? p.ToString().ToLowerInvariant() : $"type {Index}";
}

/// <summary>A named field of a record or parameter of a function.</summary>
public sealed record LabeledType(string Label, ValTypeRef Type);

/// <summary>A case of a variant, with an optional payload.</summary>
public sealed record CaseSyntax(string Label, ValTypeRef? Type);
