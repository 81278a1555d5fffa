namespace WasmCloud.Host.Components;

/// <summary>
/// A component's <c>max_instances</c>: at most that many invocations run at once and the rest wait their turn,
/// first come first served, however long it takes (a waiter leaves only when its own caller gives up). The
/// limit can change while invocations run; counts of running and peak instances are kept for the host to report.
/// </summary>
internal sealed class InstanceLimiter(int limit)
{
    private readonly object _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _limit = limit;
    private int _active;
    private int _peak;

    public int Active { get { lock (_gate) return _active; } }
    public int Peak { get { lock (_gate) return _peak; } }
    public int Waiting { get { lock (_gate) return _waiting.Count; } }

    public int Limit
    {
        get { lock (_gate) return _limit; }
        set
        {
            lock (_gate)
            {
                _limit = Math.Max(1, value);
                ReleaseWaiters();
            }
        }
    }

    /// <summary>A free instance slot now, if there is one and nobody is waiting for it.</summary>
    public bool TryAcquire(out Lease lease)
    {
        lock (_gate)
        {
            lease = TryEnter() ? new Lease(this) : default;
            return lease.Held;
        }
    }

    /// <summary>Takes a slot if one is free and nobody is ahead in line; called under the gate.</summary>
    private bool TryEnter()
    {
        if (_active >= _limit || _waiting.Count > 0) return false;
        Enter();
        return true;
    }

    /// <summary>Waits for a free instance slot; dispose the lease when the invocation is over.</summary>
    public async ValueTask<Lease> AcquireAsync(CancellationToken cancel)
    {
        TaskCompletionSource turn;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (TryEnter()) return new Lease(this);
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(turn);
        }
        await using (cancel.Register(() =>
        {
            lock (_gate)
            {
                // A turn already handed over is kept and given back by the lease below.
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                    turn.TrySetCanceled(cancel);
                }
            }
        }))
        {
            await turn.Task;
        }
        return new Lease(this);
    }

    private void Enter()
    {
        _active++;
        if (_active > _peak) _peak = _active;
    }

    private void Exit()
    {
        lock (_gate)
        {
            _active--;
            ReleaseWaiters();
        }
    }

    private void ReleaseWaiters()
    {
        while (_active < _limit && _waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            Enter();
            next.Value.TrySetResult();
        }
    }

    public readonly struct Lease(InstanceLimiter limiter) : IDisposable
    {
        /// <summary>Whether the lease holds a slot (a default one, from a failed <see cref="TryAcquire"/>, holds none).</summary>
        public bool Held => limiter is not null;

        public void Dispose() => limiter?.Exit();
    }
}
