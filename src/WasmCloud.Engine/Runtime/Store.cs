namespace WasmCloud.Wasm;

/// <summary>Resource limits of a store, enforced at instantiation and by <c>memory.grow</c>/<c>table.grow</c>.</summary>
public sealed record StoreLimits
{
    public uint MaxMemoryPages { get; init; } = Format.MemoryType.MaxPages;
    public uint MaxTableElements { get; init; } = 10_000_000;
}

/// <summary>
/// Owns instances and their execution state: limits, interruption and per-call deadlines. A store is used
/// by one caller at a time. Disposing it frees its instances' memories; the instances must not run again.
/// </summary>
public sealed class Store : IDisposable
{
    private readonly List<Memory> _memories = [];
    private int _activeCalls;

    public Store(Engine engine, StoreLimits? limits = null)
    {
        Engine = engine;
        Limits = limits ?? new StoreLimits();
    }

    public Engine Engine { get; }
    public StoreLimits Limits { get; }

    /// <summary>When set, each call from the host into the guest traps with <see cref="TrapKind.Interrupted"/> after this long.</summary>
    public TimeSpan? CallTimeout { get; set; }

    internal FuelTank FuelTank { get; } = new();

    /// <summary>
    /// Fuel left for guest code: one unit per function call and per loop iteration. Only with
    /// <see cref="EngineConfig.ConsumeFuel"/>; running out traps with <see cref="TrapKind.OutOfFuel"/>.
    /// </summary>
    public long Fuel
    {
        get => Volatile.Read(ref FuelTank.Remaining);
        set
        {
            if (!Engine.Config.ConsumeFuel) throw new InvalidOperationException("fuel is not consumed by this engine: set EngineConfig.ConsumeFuel");
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref FuelTank.Remaining, value);
        }
    }

    /// <summary>Embedder data reachable from host functions through <see cref="Caller.Store"/>.</summary>
    public object? Data { get; set; }

    private readonly List<VmContext> _contexts = [];

    /// <summary>Stops running guest code at its next function entry or loop header, with a trap.</summary>
    public void Interrupt() => SetInterrupted(1);

    internal void ClearInterrupt() => SetInterrupted(0);

    internal void EnterCall() => Interlocked.Increment(ref _activeCalls);
    internal void LeaveCall() => Interlocked.Decrement(ref _activeCalls);

    /// <summary>Frees the linear memories of this store's instances now, rather than when they are collected.</summary>
    public void Dispose()
    {
        if (Volatile.Read(ref _activeCalls) != 0) throw new InvalidOperationException("a store cannot be disposed while its guest code is running");
        lock (_memories)
        {
            foreach (var memory in _memories) memory.Dispose();
            _memories.Clear();
        }
    }

    /// <summary>Takes ownership of a memory created for one of this store's instances.</summary>
    internal Memory Own(Memory memory)
    {
        lock (_memories) _memories.Add(memory);
        return memory;
    }

    /// <summary>Makes an instance's code see this store's interruptions.</summary>
    internal void Register(VmContext context)
    {
        lock (_contexts) _contexts.Add(context);
    }

    private void SetInterrupted(int value)
    {
        lock (_contexts)
        {
            foreach (var context in _contexts)
            {
                Volatile.Write(ref context.Interrupted, value);
                Volatile.Write(ref context.BudgetFloor, value == 0 ? 0 : int.MaxValue);
            }
        }
    }
}
