namespace WasmCloud.Wasm.Format;

/// <summary>Size limits of a table or memory, in elements or pages.</summary>
public readonly record struct Limits(ulong Min, ulong? Max)
{
    /// <summary>Import subtyping: the provided limits must be at least as tight as the expected ones.</summary>
    public bool IsSubtypeOf(Limits expected) =>
        Min >= expected.Min && (expected.Max is null || (Max is not null && Max <= expected.Max));

    public override string ToString() => Max is null ? $"{Min}" : $"{Min} {Max}";
}

public sealed record TableType(ValueType ElementType, Limits Limits);

public sealed record MemoryType(Limits Limits)
{
    public const uint PageSize = 65536;
    public const uint MaxPages = 65536;
}

public sealed record GlobalType(ValueType ValueType, bool Mutable)
{
    public override string ToString() => Mutable ? $"(mut {ValueType.Name()})" : ValueType.Name();
}

public enum ExternKind : byte
{
    Function = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
}
