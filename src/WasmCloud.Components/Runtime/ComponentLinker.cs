using WasmCloud.Components.Format;
using WasmCloud.Components.Translation;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Runtime;

/// <summary>
/// Definitions the host provides to components, by import name: functions, instances (interfaces) and
/// resource types. <see cref="Prepare"/> resolves a component's imports once; each instantiation after
/// that only runs the component's steps.
/// </summary>
public sealed class ComponentLinker
{
    private readonly Dictionary<string, object?> _definitions = new(StringComparer.Ordinal);

    public ComponentLinker(Engine engine) => Engine = engine;

    public Engine Engine { get; }

    public ComponentLinker DefineFunction(string name, ComponentFunc function) => Define(name, function);
    public ComponentLinker DefineInstance(string name, ComponentInstance instance) => Define(name, instance);
    public ComponentLinker DefineResource(string name, ResourceType type) => Define(name, type);

    /// <summary>An instance made of the given exports, for importing interfaces.</summary>
    public static ComponentInstance Instance(IReadOnlyDictionary<string, object?> exports) => new(exports);

    private ComponentLinker Define(string name, object? item)
    {
        if (!_definitions.TryAdd(name, item)) throw new ComponentException($"`{name}` is already defined");
        return this;
    }

    /// <summary>Resolves every import of <paramref name="component"/>; fails when one is missing.</summary>
    public ComponentPre Prepare(Component component)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in component.Type.Imports.Keys) arguments[name] = Resolve(name);
        return new ComponentPre(component, arguments);
    }

    /// <summary>Whether an import of this name would be resolved (by name, or by a semver-compatible version).</summary>
    public bool Defines(string name)
    {
        try
        {
            Resolve(name);
            return true;
        }
        catch (LinkException)
        {
            return false;
        }
    }

    /// <summary>
    /// The definition for an import: of the same name, or else of the same interface at the newest
    /// semver-compatible version (components built at different times name different patch versions of
    /// one WASI interface, and one componentize-js output mixes them).
    /// </summary>
    private object? Resolve(string name)
    {
        if (_definitions.TryGetValue(name, out var item)) return item;
        var (unversioned, version) = Split(name);
        var compatible = version is null ? null : _definitions.Keys
            .Where(defined => Split(defined) is var (u, v) && u == unversioned && v is not null && SemVer.CompatibilityTrack(v) == SemVer.CompatibilityTrack(version))
            .MaxBy(defined => Version.TryParse(Split(defined).Version!.Split('-', '+')[0], out var parsed) ? parsed : null);
        return compatible is not null ? _definitions[compatible] : throw new LinkException($"component import `{name}` is not defined");
    }

    private static (string Unversioned, string? Version) Split(string name) =>
        name.LastIndexOf('@') is var at and > 0 ? (name[..at], name[(at + 1)..]) : (name, null);

    public ComponentInstance Instantiate(Store store, Component component) => Prepare(component).Instantiate(store);
}

/// <summary>A component whose imports are resolved: instantiating it runs its initializer steps, nothing more.</summary>
public sealed class ComponentPre
{
    private readonly IReadOnlyDictionary<string, object?> _arguments;

    internal ComponentPre(Component component, IReadOnlyDictionary<string, object?> arguments)
    {
        Component = component;
        _arguments = arguments;
    }

    public Component Component { get; }

    public ComponentInstance Instantiate(Store store)
    {
        if (store.Engine != Component.Engine) throw new ComponentException("the component was compiled by another engine than the store's");
        return Instantiator.Run(Component.Plan, store, null, _arguments);
    }
}
