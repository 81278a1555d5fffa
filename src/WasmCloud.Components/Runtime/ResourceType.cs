namespace WasmCloud.Components.Runtime;

/// <summary>
/// A resource type at runtime. Each instantiation of a component that defines a resource creates a fresh
/// one, so handles of two instances never mix; the host defines its own with <see cref="Host"/>.
/// </summary>
public sealed class ResourceType
{
    private ResourceType(string name, ComponentInstanceState? implementation, Action<int>? destructor)
    {
        Name = name;
        Implementation = implementation;
        Destructor = destructor;
    }

    public string Name { get; }

    /// <summary>The component instance that defined the type (null for host resources).</summary>
    internal ComponentInstanceState? Implementation { get; }

    /// <summary>Runs when the last owning handle is dropped, with the representation.</summary>
    internal Action<int>? Destructor { get; }

    /// <summary>
    /// Drops an owned handle the host holds (one a lifted function returned): runs the destructor with the
    /// representation, as <c>resource.drop</c> does for a handle in a component's table.
    /// </summary>
    public void Drop(HandleValue handle)
    {
        if (handle.Type != this) throw new ComponentException($"a handle of type `{handle.Type}` dropped as `{Name}`");
        if (!handle.IsOwn) throw new ComponentException("only an owned handle can be dropped");
        Destructor?.Invoke(handle.Rep);
    }

    public static ResourceType Host(string name, Action<int>? destructor = null) => new(name, null, destructor);

    internal static ResourceType Guest(string name, ComponentInstanceState implementation, Action<int>? destructor) =>
        new(name, implementation, destructor);

    public override string ToString() => Name;
}
