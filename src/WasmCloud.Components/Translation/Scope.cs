using WasmCloud.Components.Format;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Translation;

/// <summary>
/// The static index spaces of a component or of a component/instance type while it is validated: each entry
/// is what validation knows of the item (its type). Scopes nest, for outer aliases.
/// </summary>
internal sealed class Scope(Scope? parent, bool isComponent)
{
    private readonly List<object>[] _spaces = Enumerable.Range(0, SortExtensions.Count).Select(_ => new List<object>()).ToArray();

    public Scope? Parent { get; } = parent;

    /// <summary>True for a component definition, false for a component or instance type.</summary>
    public bool IsComponent { get; } = isComponent;

    public int Count(Sort sort) => _spaces[(int)sort].Count;

    public void Push(Sort sort, object info) => _spaces[(int)sort].Add(info);

    public object Get(Sort sort, int index, int offset)
    {
        var space = _spaces[(int)sort];
        if ((uint)index >= (uint)space.Count)
            throw new InvalidModuleException($"unknown {sort.Name()} {index}: {sort.Name()} index out of bounds", offset);
        return space[index];
    }

    public T Get<T>(Sort sort, int index, int offset) where T : class =>
        Get(sort, index, offset) as T ?? throw new InvalidModuleException($"{sort.Name()} {index} is not a {typeof(T).Name}", offset);

    /// <summary>The scope <paramref name="count"/> levels out, for <c>alias outer</c>.</summary>
    public Scope Outer(int count, int offset)
    {
        var scope = this;
        for (var i = 0; i < count; i++)
            scope = scope.Parent ?? throw new InvalidModuleException($"invalid outer alias count of {count}", offset);
        return scope;
    }
}
