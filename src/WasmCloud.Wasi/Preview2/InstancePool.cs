using System.Collections.Concurrent;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview2;

/// <summary>
/// Instances of one prepared component, each in a store and WASI context of its own, rented for one invocation at
/// a time. With <see cref="MaxInvocations"/> at 1 (the default) every rental is a fresh instance, the isolation a
/// host promises by default. Above 1 an instance that ended its invocation cleanly is kept warm and serves up to
/// that many before it is discarded (wasmCloud 2.x's <c>maxInvocations</c>): the guest's globals and heap carry
/// over from one invocation to the next, which is the price of skipping instantiation.
/// </summary>
public sealed class InstancePool : IDisposable
{
    private readonly ComponentPre _component;
    private readonly Func<WasiContext> _newContext;
    private readonly Func<WasiContext, Store> _newStore;
    private readonly ConcurrentBag<PooledInstance> _idle = [];
    private volatile bool _disposed;
    private volatile int _maxInvocations;

    /// <param name="component">what each instance is made from</param>
    /// <param name="newContext">the WASI context of a new instance (its configuration and policies)</param>
    /// <param name="newStore">the store of a new instance around its context (limits, call timeout)</param>
    /// <param name="maxInvocations">how many invocations one instance may serve; 1 makes every rental fresh</param>
    public InstancePool(ComponentPre component, Func<WasiContext> newContext, Func<WasiContext, Store> newStore, int maxInvocations = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInvocations, 1);
        _component = component;
        _newContext = newContext;
        _newStore = newStore;
        _maxInvocations = maxInvocations;
    }

    /// <summary>How many invocations one instance may serve (1 once <see cref="StopReuse"/> was called).</summary>
    public int MaxInvocations => _maxInvocations;

    public ComponentPre Component => _component;

    /// <summary>
    /// A warm instance if one is idle, else a new one (instantiated on first use of <see cref="PooledInstance.Instance"/>,
    /// on the thread that runs the guest); its context's waits end when <paramref name="cancellation"/> fires.
    /// </summary>
    public PooledInstance Rent(CancellationToken cancellation)
    {
        if (!_idle.TryTake(out var instance))
        {
            var context = _newContext();
            instance = new PooledInstance(_component, context, _newStore(context));
        }
        instance.Context.Cancellation = cancellation;
        instance.Invocations++;
        return instance;
    }

    /// <summary>
    /// Ends a rental: the instance is kept for the next one if <paramref name="clean"/> (the invocation returned
    /// without a trap and left nothing half done) and it has invocations left; otherwise it is discarded at once,
    /// dropping what its guest still held. Call it once the guest has stopped running in the instance's store.
    /// </summary>
    public void Return(PooledInstance instance, bool clean)
    {
        instance.Context.Cancellation = CancellationToken.None;
        if (clean && instance.Invocations < MaxInvocations && !_disposed && instance.Instantiated)
        {
            _idle.Add(instance);
            // A pool disposed meanwhile must not keep what it was just given.
            if (!_disposed || !_idle.TryTake(out var taken)) return;
            taken.Dispose();
            return;
        }
        instance.Dispose();
    }

    /// <summary>
    /// Every rental from now on is a fresh instance: for a component found unable to serve more than one invocation
    /// per instance. The idle instances are discarded.
    /// </summary>
    public void StopReuse()
    {
        _maxInvocations = 1;
        while (_idle.TryTake(out var instance)) instance.Dispose();
    }

    /// <summary>Discards the idle instances; rentals still out are discarded when they come back.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var instance)) instance.Dispose();
    }
}

/// <summary>One instance of an <see cref="InstancePool"/>, with the store and WASI context it lives in.</summary>
public sealed class PooledInstance(ComponentPre component, WasiContext context, Store store) : IDisposable
{
    private ComponentInstance? _instance;

    public WasiContext Context { get; } = context;

    public Store Store { get; } = store;

    /// <summary>How many rentals this instance has had, the current one included.</summary>
    public int Invocations { get; internal set; }

    internal bool Instantiated => _instance is not null;

    /// <summary>The component instance, made on first use: instantiation runs guest code, so call it where the guest runs.</summary>
    public ComponentInstance Instance => _instance ??= component.Instantiate(Store);

    public void Dispose()
    {
        Context.Dispose();
        Store.Dispose();
    }
}
