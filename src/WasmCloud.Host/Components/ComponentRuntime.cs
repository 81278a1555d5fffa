using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wasm;
using WasmCloud.Wrpc.Encoding;

namespace WasmCloud.Host.Components;

/// <summary>
/// The engine and the imports every component on this host is linked against. A component is compiled and
/// linked once here (through the compile cache); each invocation then gets a fresh store and instance.
/// </summary>
internal sealed class ComponentRuntime
{
    private readonly HostOptions _options;

    private readonly Microsoft.Extensions.Logging.ILogger _log;

    private readonly StoreLimits _limits;

    public ComponentRuntime(HostOptions options, Microsoft.Extensions.Logging.ILogger log)
    {
        _options = options;
        _log = log;
        _limits = new StoreLimits { MaxMemoryPages = (uint)Math.Clamp(options.MaxLinearMemoryBytes / 65536, 1, 65536) };
        Engine = new Engine(new EngineConfig { CacheDirectory = options.CompileCacheDirectory });
    }

    public Engine Engine { get; }
    public WasiPreview2 Wasi { get; } = new();

    /// <summary>
    /// Decodes, validates, compiles and links a component that runs as <paramref name="componentId"/>. The imports
    /// WASI does not define are bound to its links: each function of such an interface calls through
    /// <paramref name="router"/>, in this process or over wRPC. A bad binary is a <see cref="ComponentException"/>
    /// or <see cref="WasmException"/>; so is an import that no link can stand in for (a resource).
    /// </summary>
    public ComponentPre Prepare(byte[] bytes, string componentId, LinkRouter router, IReadOnlyList<Capabilities.ICapabilityInterfaces> capabilities)
    {
        var component = Component.FromBytes(Engine, bytes);
        var linker = new ComponentLinker(Engine);
        Wasi.AddTo(linker);
        LatticeBus.Define(Wasi, linker, componentId, router);
        HostInterfaces.Define(linker, componentId, _log);
        foreach (var capability in capabilities) capability.Define(linker, componentId);
        foreach (var (name, import) in component.Type.Imports)
        {
            if (linker.Defines(name)) continue;
            if (import is not InstanceExtern { Type: var instance })
                throw new ComponentException($"the component imports `{name}`, which is neither a host interface nor an interface a link can serve");
            var functions = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (function, member) in instance.Exports)
            {
                switch (member)
                {
                    case FuncExtern { Type: var type }:
                        var codec = new FunctionCodec(type);
                        functions[function] = new HostFunc(type, (store, args) => router.Call(componentId, LatticeBus.LinkName(store, name), name, function, codec, args));
                        break;
                    case TypeExtern { Type: ResourceTypeInfo }:
                        throw new ComponentException($"the component imports resource `{function}` of `{name}`; resources cannot be served through a link yet");
                    case TypeExtern:
                        // A value type (a record another interface `use`s): it carries nothing at runtime.
                        functions[function] = null;
                        break;
                }
            }
            linker.DefineInstance(name, ComponentLinker.Instance(functions));
        }
        return linker.Prepare(component);
    }

    /// <summary>A store for one instance, with the host's memory and time limits (each call gets the time limit afresh).</summary>
    public Store NewStore(WasiContext context) => new(Engine, _limits) { Data = context, CallTimeout = _options.MaxExecutionTime };

    public TimeSpan MaxExecutionTime => _options.MaxExecutionTime;

    /// <summary>The instances that serve a prepared component's calls, HTTP and the rest, fresh or warm as asked.</summary>
    public InstancePool Instances(ComponentPre pre, Func<WasiConfiguration> configuration, int maxInvocations) =>
        new(pre, () => new WasiContext(configuration()), NewStore, maxInvocations);
}
