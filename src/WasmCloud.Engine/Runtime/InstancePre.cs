namespace WasmCloud.Wasm;

/// <summary>
/// A module with its imports already resolved by name, ready to be instantiated many times: the form a
/// host keeps to make a fresh instance per invocation.
/// </summary>
public sealed class InstancePre
{
    private readonly Extern[] _imports;

    internal InstancePre(Module module, Extern[] imports)
    {
        Module = module;
        _imports = imports;
    }

    public Module Module { get; }

    public Instance Instantiate(Store store) => Instance.Create(store, Module, _imports);
}
