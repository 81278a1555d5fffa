namespace WasmCloud.Wasm.Text;

/// <summary>One index space (functions, tables, types, …): the identifiers bound in it, in definition order.</summary>
internal sealed class IndexSpace
{
    private readonly Dictionary<string, uint> _ids = new(StringComparer.Ordinal);

    public IndexSpace(string kind) => Kind = kind;

    /// <summary>What the space holds, for messages: "func", "table", "local", …</summary>
    public string Kind { get; }

    public uint Count { get; private set; }

    /// <summary>The bound identifiers without their <c>$</c>, by index, for the name section.</summary>
    public IEnumerable<(uint Index, string Name)> Names =>
        _ids.Select(pair => (pair.Value, pair.Key[1..])).OrderBy(entry => entry.Value);

    /// <summary>Adds the next entry, binding its identifier if it has one; rebinding an identifier is malformed.</summary>
    public uint Define(Token? id)
    {
        if (id is not null && !_ids.TryAdd(id.Text, Count)) throw TextErrors.At(id, $"duplicate {Kind} {id.Text}");
        return Count++;
    }

    /// <summary>A numeric index as written, or the index an identifier is bound to.</summary>
    public uint Resolve(Token token)
    {
        if (token.Kind == TokenKind.Id)
            return _ids.TryGetValue(token.Text, out var index) ? index : throw TextErrors.At(token, $"unknown {Kind} {token.Text}");
        return IntegerLiterals.ParseU32(token);
    }
}
