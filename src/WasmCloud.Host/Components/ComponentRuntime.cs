using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wasm;

namespace WasmCloud.Host.Components;

/// <summary>
/// The engine and the imports every component on this host is linked against. A component is compiled and
/// linked once here (through the compile cache); each invocation then gets a fresh store and instance.
/// </summary>
internal sealed class ComponentRuntime
{
    private readonly ComponentLinker _linker;
    private readonly HostOptions _options;

    public ComponentRuntime(HostOptions options)
    {
        _options = options;
        Engine = new Engine(new EngineConfig { CacheDirectory = options.CompileCacheDirectory });
        _linker = new ComponentLinker(Engine);
        Wasi.AddTo(_linker);
    }

    public Engine Engine { get; }
    public WasiPreview2 Wasi { get; } = new();

    /// <summary>Decodes, validates, compiles and links a component; a bad binary or an import the host lacks is a <see cref="ComponentException"/> or <see cref="WasmException"/>.</summary>
    public ComponentPre Prepare(byte[] bytes) => _linker.Prepare(Component.FromBytes(Engine, bytes));

    /// <summary>How each HTTP invocation runs: the host's time and memory limits, and the WASI context a component sees.</summary>
    public HttpServerOptions HttpInvocation(Func<WasiConfiguration> configuration) => new()
    {
        RequestTimeout = _options.MaxExecutionTime,
        Limits = new StoreLimits { MaxMemoryPages = (uint)Math.Clamp(_options.MaxLinearMemoryBytes / 65536, 1, 65536) },
        Configuration = configuration,
    };
}
