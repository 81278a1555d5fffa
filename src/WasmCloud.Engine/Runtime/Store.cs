namespace WasmCloud.Wasm;

/// <summary>Resource limits of a store, enforced at instantiation and by <c>memory.grow</c>/<c>table.grow</c>.</summary>
public sealed record StoreLimits
{
    public uint MaxMemoryPages { get; init; } = Format.MemoryType.MaxPages;
    public uint MaxTableElements { get; init; } = 10_000_000;
}

/// <summary>
/// Owns instances and their execution state: limits, interruption and per-call deadlines. A store is used
/// by one caller at a time.
/// </summary>
public sealed class Store
{
    public Store(Engine engine, StoreLimits? limits = null)
    {
        Engine = engine;
        Limits = limits ?? new StoreLimits();
    }

    public Engine Engine { get; }
    public StoreLimits Limits { get; }

    /// <summary>When set, each call from the host into the guest traps with <see cref="TrapKind.Interrupted"/> after this long.</summary>
    public TimeSpan? CallTimeout { get; set; }

    /// <summary>Embedder data reachable from host functions through <see cref="Caller.Store"/>.</summary>
    public object? Data { get; set; }

    internal ExecutionState Execution { get; } = new();

    /// <summary>Stops running guest code at its next function entry or loop header, with a trap.</summary>
    public void Interrupt() => Volatile.Write(ref Execution.Interrupted, 1);
}
