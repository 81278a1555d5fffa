using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;

namespace WasmCloud.Wasi.Preview2;

/// <summary>
/// Collects one interface's functions and resource types, then defines it in a linker under its versioned name.
/// WASI's interfaces are written with it, and so are the host's own (wasmCloud's) beside them.
/// </summary>
public sealed class HostInterface(string name)
{
    private readonly Dictionary<string, object?> _exports = new(StringComparer.Ordinal);

    public HostInterface Resource(string resourceName, HostResource resource)
    {
        _exports.Add(resourceName, resource.Type);
        return this;
    }

    /// <summary>
    /// Named value types of the interface (records, enums, aliases…): components alias them out of the
    /// instance, but they carry nothing at runtime — the component's own types already describe them.
    /// </summary>
    public HostInterface ValueTypes(params string[] names)
    {
        foreach (var typeName in names) _exports.Add(typeName, null);
        return this;
    }

    public HostInterface Function(string functionName, FuncType type, Func<ComponentValue[], ComponentValue?> body)
    {
        _exports.Add(functionName, new HostFunc(type, body));
        return this;
    }

    /// <summary>A function that needs the store of the instance that called it (the embedder's own per-guest state is there).</summary>
    public HostInterface Function(string functionName, FuncType type, Func<Wasm.Store?, ComponentValue[], ComponentValue?> body)
    {
        _exports.Add(functionName, new HostFunc(type, body));
        return this;
    }

    /// <summary>A function that needs the calling guest's <see cref="WasiContext"/> (its streams, configuration or resources).</summary>
    public HostInterface Function(string functionName, FuncType type, Func<WasiContext, ComponentValue[], ComponentValue?> body)
    {
        _exports.Add(functionName, new HostFunc(type, (store, args) => body(WasiContext.Of(store), args)));
        return this;
    }

    /// <summary>A method: its receiver is a borrow of <paramref name="resource"/> and comes first.</summary>
    public HostInterface Method(HostResource resource, string resourceName, string method, ValType? result, (string, ValType)[] parameters,
        Func<ComponentValue[], ComponentValue?> body) =>
        Function($"[method]{resourceName}.{method}", Wit.Func(result, [("self", resource.Borrow), .. parameters]), body);

    public HostInterface Method(HostResource resource, string resourceName, string method, ValType? result, (string, ValType)[] parameters,
        Func<WasiContext, ComponentValue[], ComponentValue?> body) =>
        Function($"[method]{resourceName}.{method}", Wit.Func(result, [("self", resource.Borrow), .. parameters]), body);

    public void DefineIn(ComponentLinker linker) => DefineIn(linker, WasiPreview2.Version);

    public void DefineIn(ComponentLinker linker, string version) => linker.DefineInstance($"{name}@{version}", ComponentLinker.Instance(_exports));
}
