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

    public static ResourceType Host(string name, Action<int>? destructor = null) => new(name, null, destructor);

    internal static ResourceType Guest(string name, ComponentInstanceState implementation, Action<int>? destructor) =>
        new(name, implementation, destructor);

    public override string ToString() => Name;
}
