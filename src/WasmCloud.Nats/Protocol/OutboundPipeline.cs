using System.Threading.Channels;

namespace WasmCloud.Nats.Protocol;

/// <summary>
/// The outgoing side of a connection. Callers serialise commands into a pending buffer under a short lock;
/// one writer loop swaps it with the buffer it just wrote and sends the whole batch in a single socket write,
/// so commands issued while a write is in flight are pipelined into the next one.
/// While disconnected the pending buffer keeps filling up to a bound and is sent after the next handshake.
/// </summary>
internal sealed class OutboundPipeline : IDisposable
{
    private readonly object _gate = new();
    private readonly int _highWater;
    private readonly int _reconnectLimit;
    private readonly Channel<bool> _wakeWriter = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    // PONGs answer PINGs in order; a null entry is a keep-alive ping nobody awaits.
    private readonly Queue<TaskCompletionSource?> _pongWaiters = new();
    private PooledBuffer _pending = new();
    private PooledBuffer _inFlight = new();
    private int _pingsPending; // PINGs still in _pending: they survive a disconnect, unlike those already sent
    private int _keepAlivesOutstanding;
    private bool _connected;
    private Exception? _closedBecause;
    private bool _closed;
    private TaskCompletionSource? _spaceAvailable;

    public OutboundPipeline(int highWater, int reconnectLimit)
    {
        _highWater = highWater;
        _reconnectLimit = reconnectLimit;
    }

    /// <summary>Queues a command, waiting only when the connection is up and the buffer is over its high-water mark.</summary>
    public ValueTask WriteAsync<T>(T command, CancellationToken cancellationToken) where T : IOutboundCommand
    {
        bool written;
        lock (_gate)
            written = TryWriteLocked(command, respectHighWater: true);
        return written ? ValueTask.CompletedTask : WriteWhenSpaceAsync(command, cancellationToken);
    }

    private async ValueTask WriteWhenSpaceAsync<T>(T command, CancellationToken cancellationToken) where T : IOutboundCommand
    {
        while (true)
        {
            Task space;
            lock (_gate)
            {
                if (TryWriteLocked(command, respectHighWater: true)) return;
                _spaceAvailable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                space = _spaceAvailable.Task;
            }
            await space.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryWriteLocked<T>(T command, bool respectHighWater) where T : IOutboundCommand
    {
        ThrowIfClosed();
        int size = command.MaxLength;
        if (!_connected && _pending.Length + size > _reconnectLimit)
            throw new NatsReconnectBufferFullException(_reconnectLimit);
        if (respectHighWater && _connected && _pending.Length > 0 && _pending.Length + size > _highWater)
            return false;
        AppendLocked(command);
        return true;
    }

    private void AppendLocked<T>(T command) where T : IOutboundCommand
    {
        bool wasEmpty = _pending.Length == 0;
        _pending.Write(command);
        if (wasEmpty && _connected)
            _wakeWriter.Writer.TryWrite(true);
    }

    /// <summary>
    /// Runs <paramref name="register"/> and, only while connected, queues the command, atomically with respect to
    /// reconnecting: SUB/UNSUB are replayed from the subscription table after a reconnect, never from the buffer.
    /// </summary>
    public void WriteIfConnected<T>(T command, Action register) where T : IOutboundCommand
    {
        lock (_gate)
        {
            ThrowIfClosed();
            register();
            if (_connected) AppendLocked(command);
        }
    }

    /// <summary>Sends PING and completes when its PONG arrives, i.e. after the server processed everything written before it.</summary>
    public Task PingAsync()
    {
        var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            TryWriteLocked(LiteralCommand.Ping, respectHighWater: false);
            _pingsPending++;
            _pongWaiters.Enqueue(pong);
        }
        return pong.Task;
    }

    /// <summary>Sends a keep-alive PING unless too many are unanswered, in which case the connection is stale.</summary>
    public bool TrySendKeepAlive(int maxOutstanding)
    {
        lock (_gate)
        {
            if (!_connected) return true;
            if (_keepAlivesOutstanding >= maxOutstanding) return false;
            _keepAlivesOutstanding++;
            AppendLocked(LiteralCommand.Ping);
            _pingsPending++;
            _pongWaiters.Enqueue(null);
            return true;
        }
    }

    public void OnPong()
    {
        TaskCompletionSource? waiter = null;
        lock (_gate)
        {
            _keepAlivesOutstanding = 0;
            _pongWaiters.TryDequeue(out waiter);
        }
        waiter?.TrySetResult();
    }

    /// <summary>Answers a server PING; never waits, since the server would cut us off for not answering.</summary>
    public void SendPong()
    {
        lock (_gate)
            if (_connected && !_closed) AppendLocked(LiteralCommand.Pong);
    }

    /// <summary>
    /// Marks the connection as up after a handshake. <paramref name="writePreamble"/> writes what must precede anything
    /// buffered during the outage (the resubscriptions); it runs under the lock, so no subscription can slip between.
    /// </summary>
    public void OnConnected(Action<PooledBuffer> writePreamble)
    {
        lock (_gate)
        {
            var next = _inFlight;
            next.Clear();
            writePreamble(next);
            next.Append(_pending.Written.Span);
            _inFlight = _pending;
            _inFlight.Clear();
            _pending = next;
            _keepAlivesOutstanding = 0;
            _connected = true;
            _wakeWriter.Writer.TryWrite(true);
        }
    }

    /// <summary>
    /// Called once the writer loop has stopped. PINGs already sent died with the socket, so their waiters fail;
    /// those still pending will be sent after the reconnect and keep theirs.
    /// </summary>
    public void OnDisconnected(Exception cause)
    {
        List<TaskCompletionSource?> lost = [];
        lock (_gate)
        {
            _connected = false;
            _inFlight.Clear();
            for (int n = _pongWaiters.Count - _pingsPending; n > 0; n--)
                lost.Add(_pongWaiters.Dequeue());
            ReleaseSpaceWaitersLocked();
        }
        foreach (var waiter in lost)
            waiter?.TrySetException(new NatsException("disconnected before the server answered the ping", cause));
    }

    public void Close(Exception? cause)
    {
        TaskCompletionSource?[] waiters;
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            _closedBecause = cause;
            _connected = false;
            waiters = [.. _pongWaiters];
            _pongWaiters.Clear();
            ReleaseSpaceWaitersLocked();
        }
        foreach (var waiter in waiters)
            waiter?.TrySetException(new NatsConnectionClosedException(cause));
        _wakeWriter.Writer.TryComplete();
    }

    /// <summary>The writer loop of one socket: sends each batch in one write until the socket fails or is cancelled.</summary>
    public async Task RunWriterAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (await _wakeWriter.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _wakeWriter.Reader.TryRead(out _);
            while (TakeBatch() is { } batch)
            {
                await stream.WriteAsync(batch.Written, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private PooledBuffer? TakeBatch()
    {
        lock (_gate)
        {
            if (!_connected || _pending.Length == 0) return null;
            (_pending, _inFlight) = (_inFlight, _pending);
            _pingsPending = 0;
            ReleaseSpaceWaitersLocked();
            return _inFlight;
        }
    }

    private void ReleaseSpaceWaitersLocked()
    {
        _spaceAvailable?.TrySetResult();
        _spaceAvailable = null;
    }

    private void ThrowIfClosed()
    {
        if (_closed) throw new NatsConnectionClosedException(_closedBecause);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _pending.Dispose();
            _inFlight.Dispose();
        }
    }
}
