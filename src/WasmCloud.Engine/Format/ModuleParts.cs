namespace WasmCloud.Wasm.Format;

/// <summary>An import; exactly one of the type fields is set, according to <see cref="Kind"/>.</summary>
public sealed record Import(string Module, string Name, ExternKind Kind)
{
    public int FunctionTypeIndex { get; init; }
    public TableType? Table { get; init; }
    public MemoryType? Memory { get; init; }
    public GlobalType? Global { get; init; }
}

public sealed record Export(string Name, ExternKind Kind, int Index);

public sealed record GlobalDefinition(GlobalType Type, ConstExpr Init);

public enum SegmentMode : byte
{
    Active,
    Passive,
    Declarative,
}

/// <summary>An element segment: each item is a constant expression producing a reference.</summary>
public sealed record ElementSegment(SegmentMode Mode, ValueType ElementType, ConstExpr[] Items)
{
    public int TableIndex { get; init; }
    public ConstExpr? Offset { get; init; }
}

public sealed record DataSegment(SegmentMode Mode, ReadOnlyMemory<byte> Bytes)
{
    public int MemoryIndex { get; init; }
    public ConstExpr? Offset { get; init; }
}

/// <summary>A function body: its declared locals and where its instructions lie in the module bytes.</summary>
public sealed class FunctionBody
{
    public FunctionBody(ValueType[] locals, ReadOnlyMemory<byte> code, int codeOffset)
    {
        Locals = locals;
        Code = code;
        CodeOffset = codeOffset;
    }

    /// <summary>Declared locals, expanded (parameters not included).</summary>
    public ValueType[] Locals { get; }

    /// <summary>The instruction bytes, ending with the final <c>end</c>.</summary>
    public ReadOnlyMemory<byte> Code { get; }

    /// <summary>Offset of <see cref="Code"/> in the module binary, for error messages.</summary>
    public int CodeOffset { get; }
}

public sealed record CustomSection(string Name, ReadOnlyMemory<byte> Content);
