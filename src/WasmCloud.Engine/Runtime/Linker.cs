using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>
/// Resolves a module's imports by module and field name. Host functions defined here belong to no store;
/// each instance gets its own <see cref="Func"/> for them.
/// </summary>
public sealed class Linker
{
    private readonly Dictionary<(string Module, string Name), Extern> _definitions = [];

    public Linker(Engine engine) => Engine = engine;

    public Engine Engine { get; }

    /// <summary>Whether a later definition may replace an earlier one of the same name.</summary>
    public bool AllowShadowing { get; set; }

    public Linker Define(string module, string name, Extern item) => Add(module, name, item);

    public Linker DefineFunction(string module, string name, FuncType type, HostFunctionCallback callback) =>
        Add(module, name, new HostFunction(type, callback));

    public Linker DefineFunction(string module, string name, Action callback) =>
        DefineFunction(module, name, FuncType.Empty, (_, _, _) => callback());

    public Linker DefineFunction(string module, string name, Func<int, int> callback) =>
        DefineFunction(module, name, new FuncType([ValueType.I32], [ValueType.I32]), (_, a, r) => r[0] = Value.I32(callback(a[0].AsI32())));

    public Linker DefineFunction(string module, string name, Func<int, int, int> callback) =>
        DefineFunction(module, name, new FuncType([ValueType.I32, ValueType.I32], [ValueType.I32]),
            (_, a, r) => r[0] = Value.I32(callback(a[0].AsI32(), a[1].AsI32())));

    public Linker DefineFunction(string module, string name, Action<int> callback) =>
        DefineFunction(module, name, new FuncType([ValueType.I32], []), (_, a, _) => callback(a[0].AsI32()));

    /// <summary>Defines every export of <paramref name="instance"/> under the module name <paramref name="module"/>.</summary>
    public Linker DefineInstance(string module, Instance instance)
    {
        foreach (var (name, item) in instance.Exports) Add(module, name, item);
        return this;
    }

    public Instance Instantiate(Store store, Module module) => InstantiatePre(module).Instantiate(store);

    /// <summary>Resolves the module's imports once, for instantiating it many times.</summary>
    public InstancePre InstantiatePre(Module module)
    {
        var imports = new Extern[module.Imports.Count];
        for (var i = 0; i < imports.Length; i++)
        {
            var import = module.Imports[i];
            imports[i] = _definitions.GetValueOrDefault((import.Module, import.Name))
                ?? throw new LinkException($"unknown import: {import.Module}.{import.Name} ({import.Kind.ToString().ToLowerInvariant()}) is not defined");
        }
        return new InstancePre(module, imports);
    }

    private Linker Add(string module, string name, Extern definition)
    {
        if (!AllowShadowing && _definitions.ContainsKey((module, name)))
            throw new LinkException($"{module}.{name} is already defined");
        _definitions[(module, name)] = definition;
        return this;
    }
}
