using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;

namespace WasmCloud.Host.Components;

/// <summary>
/// <c>wasmcloud:bus/lattice</c> (1.0.0 and 2.0.1): <c>set-link-name</c> makes the invocation's later calls of
/// the named interfaces use the links of that name instead of <c>default</c>. 2.0.1 also answers whether such links
/// exist. The choice lasts for the invocation (each one starts with a fresh instance, and fresh link names).
/// </summary>
internal static class LatticeBus
{
    private sealed record CallTargetInterface(string Namespace, string Package, string Interface)
    {
        public string Key => $"{Namespace}:{Package}/{Interface}";
    }

    public static void Define(WasiPreview2 wasi, ComponentLinker linker, string componentId, LinkRouter router)
    {
        var target = wasi.Resource("call-target-interface");
        var constructor = Wit.Func(target.Own, ("namespace", Wit.String), ("package", Wit.String), ("interface", Wit.String));
        ComponentValue? Construct(Store? store, ComponentValue[] args) =>
            target.New(Context(store), new CallTargetInterface(Text(args[0]), Text(args[1]), Text(args[2])));

        List<CallTargetInterface> Choose(Store? store, ComponentValue[] args)
        {
            var name = Text(args[0]);
            var interfaces = ((ListValue)args[1]).Elements.Select(handle => target.Take<CallTargetInterface>(handle)).ToList();
            foreach (var chosen in interfaces) State(store).LinkNames[chosen.Key] = name;
            return interfaces;
        }

        new HostInterface("wasmcloud:bus/lattice")
            .Resource("call-target-interface", target)
            .Function("[constructor]call-target-interface", constructor, Construct)
            .Function("set-link-name", Wit.Func(null, ("name", Wit.String), ("interfaces", Wit.List(target.Own))), (store, args) =>
            {
                Choose(store, args);
                return null;
            })
            .DefineIn(linker, "1.0.0");
        new HostInterface("wasmcloud:bus/lattice")
            .Resource("call-target-interface", target)
            .Function("[constructor]call-target-interface", constructor, Construct)
            .Function("set-link-name", Wit.Func(Wit.Result(null, Wit.String), ("name", Wit.String), ("interfaces", Wit.List(target.Own))), (store, args) =>
            {
                var missing = Choose(store, args).Where(chosen => !router.HasLink(componentId, Text(args[0]), chosen.Key)).ToList();
                return missing.Count == 0
                    ? new VariantValue("ok", null)
                    : new VariantValue("error", ComponentValue.String($"no link named `{Text(args[0])}` from {componentId} for {string.Join(", ", missing.Select(m => m.Key))}"));
            })
            .DefineIn(linker, "2.0.1");
    }

    /// <summary>The link name this invocation uses for an interface (<c>ns:pkg/iface</c>, any version).</summary>
    public static string LinkName(Store? store, string instance) =>
        store?.Data is WasiContext { Configuration.Embedder: InvocationState state } && state.LinkNames.TryGetValue(ComponentExports.Unversioned(instance), out var name)
            ? name
            : "default";

    private static InvocationState State(Store? store) =>
        store?.Data is WasiContext { Configuration.Embedder: InvocationState state } ? state : throw new ComponentTrap("wasmcloud:bus was called outside an invocation");

    private static WasiContext Context(Store? store) => store?.Data as WasiContext ?? throw new ComponentTrap("wasmcloud:bus was called outside an invocation");

    private static string Text(ComponentValue value) => ((StringValue)value).Value;
}

/// <summary>
/// An instance's state on the host: its named config (as it is when read), and the link names it chose for its
/// outgoing calls, which last as long as the instance (one invocation, unless it is a warm one).
/// </summary>
internal sealed class InvocationState(Func<IReadOnlyDictionary<string, string>> config)
{
    // Read when the guest asks, so a warm instance sees the named config as it is now, not as it was when it started.
    public IReadOnlyDictionary<string, string> Config => config();
    public Dictionary<string, string> LinkNames { get; } = new(StringComparer.Ordinal);
}
