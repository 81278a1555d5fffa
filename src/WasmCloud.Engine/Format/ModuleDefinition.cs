namespace WasmCloud.Wasm.Format;

/// <summary>
/// What a decoded module declares, with the combined index spaces (imports first, then definitions)
/// already laid out. Produced by the decoder, checked by the validator, consumed by the compiler.
/// </summary>
public sealed class ModuleDefinition
{
    public FuncType[] Types { get; init; } = [];
    public Import[] Imports { get; init; } = [];

    /// <summary>Type index of every function, imported ones first.</summary>
    public int[] FunctionTypes { get; init; } = [];
    public int ImportedFunctionCount { get; init; }

    /// <summary>Every table, imported ones first.</summary>
    public TableType[] Tables { get; init; } = [];
    public int ImportedTableCount { get; init; }

    /// <summary>Every memory, imported ones first.</summary>
    public MemoryType[] Memories { get; init; } = [];
    public int ImportedMemoryCount { get; init; }

    /// <summary>Every global's type, imported ones first.</summary>
    public GlobalType[] Globals { get; init; } = [];
    public int ImportedGlobalCount { get; init; }

    /// <summary>Initialisers of the defined globals (index 0 is the first non-imported global).</summary>
    public ConstExpr[] GlobalInitializers { get; init; } = [];

    public Export[] Exports { get; init; } = [];
    public int? StartFunction { get; init; }
    public ElementSegment[] Elements { get; init; } = [];
    public DataSegment[] Data { get; init; } = [];
    public int? DataCount { get; init; }
    public FunctionBody[] Bodies { get; init; } = [];
    public CustomSection[] CustomSections { get; init; } = [];
    public NameSection Names { get; init; } = new();

    /// <summary>Where each section's contents start in the binary, for error messages.</summary>
    public IReadOnlyDictionary<SectionId, int> SectionOffsets { get; init; } = new Dictionary<SectionId, int>();

    public int OffsetOf(SectionId section) => SectionOffsets.GetValueOrDefault(section);

    public int FunctionCount => FunctionTypes.Length;

    public FuncType FunctionType(int functionIndex) => Types[FunctionTypes[functionIndex]];

    public string FunctionName(int functionIndex) =>
        Names.FunctionNames.TryGetValue(functionIndex, out var name) ? name : $"func[{functionIndex}]";
}
