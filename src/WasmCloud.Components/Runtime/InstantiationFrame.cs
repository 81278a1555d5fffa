using WasmCloud.Components.Format;
using WasmCloud.Components.Translation;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Runtime;

/// <summary>
/// The index spaces of one component instance while its initializer steps run: each step appends to one
/// space, exactly as the definition it came from appends to the component's index space.
/// </summary>
internal sealed class InstantiationFrame
{
    private readonly List<object?>[] _spaces = Enumerable.Range(0, SortExtensions.Count).Select(_ => new List<object?>()).ToArray();

    private readonly IReadOnlyDictionary<ResourceIdentity, int> _resourceSlots;

    public InstantiationFrame(Store store, InstantiationFrame? parent, IReadOnlyDictionary<string, object?> arguments, IReadOnlyDictionary<ResourceIdentity, int> resourceSlots)
    {
        _resourceSlots = resourceSlots;
        Store = store;
        Parent = parent;
        Arguments = arguments;
    }

    public Store Store { get; }

    /// <summary>The frame of the enclosing component, for outer aliases.</summary>
    public InstantiationFrame? Parent { get; }

    public IReadOnlyDictionary<string, object?> Arguments { get; }
    public ComponentInstanceState State { get; } = new();
    public Dictionary<string, object?> Exports { get; } = new(StringComparer.Ordinal);

    public object? Get(Sort sort, int index) => _spaces[(int)sort][index];
    public T Get<T>(Sort sort, int index) => (T)_spaces[(int)sort][index]!;
    public void Push(Sort sort, object? value) => _spaces[(int)sort].Add(value);

    /// <summary>
    /// The runtime type behind a resource of this component; null for one that no type slot of the component
    /// holds (a resource only reachable through an imported instance's function types).
    /// </summary>
    public ResourceType? Resource(ResourceIdentity identity) =>
        _resourceSlots.TryGetValue(identity.Canonical, out var slot) && slot < _spaces[(int)Sort.Type].Count ? _spaces[(int)Sort.Type][slot] as ResourceType : null;
}

/// <summary>A component definition as a runtime value: its plan plus the frame its outer aliases read.</summary>
internal sealed record ComponentClosure(ComponentPlan Plan, InstantiationFrame? Outer);
