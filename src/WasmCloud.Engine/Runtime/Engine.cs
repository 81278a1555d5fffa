using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>Settings shared by every module and store of an engine.</summary>
public sealed record EngineConfig
{
    /// <summary>Native stack, in bytes, that guest frames may use before a call traps with "call stack exhausted".</summary>
    public int MaxWasmStack { get; init; } = 8 << 20;

    /// <summary>
    /// Where compiled modules are kept between runs (null: no cache). Keyed by module bytes and engine build;
    /// the directory must be private to the host, since its contents are loaded as code.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// Functions whose body is longer than this many bytes are split into several methods, so that RyuJIT
    /// optimises each (it compiles a method of more than about 60,000 IL bytes without optimisation).
    /// </summary>
    public int FunctionSplitThreshold { get; init; } = 8192;

    /// <summary>
    /// Makes execution limits deterministic: compiled code charges one unit of fuel per function call and per
    /// loop iteration against the store's <see cref="Store.Fuel"/>, and traps with
    /// <see cref="TrapKind.OutOfFuel"/> when it is spent. Off by default (it costs a decrement on those paths).
    /// </summary>
    public bool ConsumeFuel { get; init; }
}

/// <summary>
/// The root object: compiles modules and owns what they share (type identities for <c>call_indirect</c>
/// and the per-signature entry and host-call stubs).
/// </summary>
public sealed class Engine
{
    private readonly Dictionary<FuncType, int> _typeIds = [];

    public Engine(EngineConfig? config = null)
    {
        Config = config ?? new EngineConfig();
        if (Config.MaxWasmStack <= 0 || Config.MaxWasmStack > GuestThreads.MaxBudget)
            throw new ArgumentOutOfRangeException(nameof(config), $"MaxWasmStack must be between 1 and {GuestThreads.MaxBudget} bytes");
        Stubs = new SignatureStubs();
    }

    public EngineConfig Config { get; }

    internal SignatureStubs Stubs { get; }

    /// <summary>Blocks of disposed stores' memories, reused by later instances.</summary>
    internal MemoryPool MemoryPool { get; } = new();

    /// <summary>The engine-wide identity of a function type: structurally equal types share one.</summary>
    internal int TypeId(FuncType type)
    {
        lock (_typeIds)
        {
            if (!_typeIds.TryGetValue(type, out var id)) _typeIds[type] = id = _typeIds.Count + 1;
            return id;
        }
    }
}
