using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm.Text;

/// <summary>
/// What the parsers know about the module as a whole: its index spaces (filled by the first pass, so that
/// identifiers may be used before their definition) and its type section.
/// </summary>
internal sealed class ModuleContext
{
    private readonly List<FuncType> _types = [];

    public IndexSpace Types { get; } = new("type");
    public IndexSpace Functions { get; } = new("func");
    public IndexSpace Tables { get; } = new("table");
    public IndexSpace Memories { get; } = new("memory");
    public IndexSpace Globals { get; } = new("global");
    public IndexSpace Elements { get; } = new("elem segment");
    public IndexSpace Data { get; } = new("data segment");

    /// <summary>Explicit type definitions, then the types that inline type uses added, in that order.</summary>
    public IReadOnlyList<FuncType> TypeList => _types;

    /// <summary>The module's own identifier, if it has one.</summary>
    public Token? ModuleId { get; set; }

    /// <summary>The named parameters and locals of each function that has any, for the name section.</summary>
    public List<(uint Function, List<(uint Index, string Name)> Locals)> LocalNames { get; } = [];

    /// <summary>Set when code names a data segment, which requires the data count section.</summary>
    public bool UsesDataCount { get; set; }

    public void DefineType(Token? id, FuncType type)
    {
        Types.Define(id);
        _types.Add(type);
    }

    public FuncType? TypeAt(uint index) => index < _types.Count ? _types[(int)index] : null;

    /// <summary>
    /// The index of the first type equal to <paramref name="type"/>; a type use with no matching definition
    /// appends one (spec §6.6.2, "abbreviations" of type uses).
    /// </summary>
    public uint TypeIndexOf(FuncType type)
    {
        var index = _types.IndexOf(type);
        if (index >= 0) return (uint)index;
        _types.Add(type);
        return (uint)(_types.Count - 1);
    }
}
