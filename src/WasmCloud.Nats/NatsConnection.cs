using System.Collections.Concurrent;
using System.Threading.Channels;
using WasmCloud.Nats.Auth;
using WasmCloud.Nats.Protocol;

namespace WasmCloud.Nats;

/// <summary>
/// A connection to a NATS cluster that stays up: it reconnects on its own, resubscribes, and buffers publishes
/// during short outages. All members are safe to call from many threads at once.
/// </summary>
public sealed partial class NatsConnection : IAsyncDisposable
{
    private readonly ServerPool _servers;
    private readonly ConnectRequestBuilder _auth;
    private readonly OutboundPipeline _outbound;
    private readonly ConcurrentDictionary<long, SubscriptionBase> _subscriptions = new();
    private readonly Channel<NatsConnectionEvent> _events = Channel.CreateUnbounded<NatsConnectionEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _inboxGate = new();
    private RequestMultiplexer? _inbox;
    private long _nextSid;
    private volatile NatsTransport? _transport;
    private volatile ServerInfo _info = new();
    private volatile NatsConnectionState _state = NatsConnectionState.Connecting;
    private Task _supervisor = Task.CompletedTask;
    private int _disposed;

    private NatsConnection(NatsOptions options)
    {
        Options = options;
        _servers = new ServerPool(options.Servers, randomize: !options.NoRandomize);
        _auth = new ConnectRequestBuilder(options);
        _outbound = new OutboundPipeline(options.WriteBufferHighWater, options.ReconnectBufferSize);
        _ = PumpEventsAsync();
    }

    /// <summary>Connection state changes, server errors and slow consumers, delivered in order on a background task.</summary>
    public event Action<NatsConnectionEvent>? Events;

    public NatsOptions Options { get; }
    public NatsConnectionState State => _state;

    /// <summary>The latest INFO of the server we are connected to.</summary>
    public ServerInfo ServerInfo => _info;

    public Uri? ConnectedServer => _state == NatsConnectionState.Connected ? _transport?.Server : null;

    /// <summary>Seed servers plus every server the cluster has announced.</summary>
    public IReadOnlyList<Uri> KnownServers => _servers.Snapshot();

    /// <summary>Connects to the first reachable server of <see cref="NatsOptions.Servers"/>; fails if none accepts us.</summary>
    public static async Task<NatsConnection> ConnectAsync(NatsOptions options, CancellationToken cancellationToken = default)
    {
        var connection = new NatsConnection(options);
        try
        {
            var transport = await connection.ConnectToAnyServerAsync(cancellationToken).ConfigureAwait(false);
            connection.Attach(transport);
            connection._supervisor = Task.Run(() => connection.SuperviseAsync(transport), CancellationToken.None);
            connection.Raise(NatsConnectionEventKind.Connected, transport.Server);
            return connection;
        }
        catch
        {
            connection.Close(cause: null);
            throw;
        }
    }

    /// <summary>Queues a message; completes at once unless the write buffer is over its high-water mark.</summary>
    public ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, NatsHeaders? headers = null, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        NatsSubjects.ValidatePublish(subject);
        if (replyTo is not null) NatsSubjects.ValidatePublish(replyTo);
        var command = new PublishCommand(subject, replyTo, headers, payload);
        long maxPayload = _info.MaxPayload;
        if (command.PayloadSize > maxPayload) throw new NatsMaxPayloadException(command.PayloadSize, maxPayload);
        return _outbound.WriteAsync(command, cancellationToken);
    }

    /// <summary>Subscribes; with a queue group each message goes to one member of the group. Dispose the subscription to unsubscribe.</summary>
    public ValueTask<NatsSubscription> SubscribeAsync(string subject, string? queueGroup = null, long? maxMessages = null)
    {
        NatsSubjects.ValidateSubscribe(subject);
        if (queueGroup is not null) NatsSubjects.ValidateQueueGroup(queueGroup);
        var subscription = new NatsSubscription(this, subject, queueGroup, Options.SubscriptionCapacity);
        Register(subscription, maxMessages);
        return ValueTask.FromResult(subscription);
    }

    /// <summary>Completes once the server has processed everything sent before (a PING/PONG round trip).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _outbound.PingAsync().WaitAsync(cancellationToken);

    private void Register(SubscriptionBase subscription, long? maxMessages)
    {
        subscription.Sid = Interlocked.Increment(ref _nextSid);
        subscription.MaxMessages = maxMessages;
        _outbound.WriteIfConnected(
            new SubscribeCommand(subscription.Subject, subscription.QueueGroup, subscription.Sid),
            () => _subscriptions[subscription.Sid] = subscription);
        if (maxMessages is { } max)
            _outbound.WriteIfConnected(new UnsubscribeCommand(subscription.Sid, max), static () => { });
    }

    internal ValueTask UnsubscribeAsync(SubscriptionBase subscription)
    {
        Remove(subscription, tellServer: true);
        return ValueTask.CompletedTask;
    }

    internal async Task DrainSubscriptionAsync(SubscriptionBase subscription, CancellationToken cancellationToken)
    {
        _outbound.WriteIfConnected(new UnsubscribeCommand(subscription.Sid, null), static () => { });
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        Remove(subscription, tellServer: false);
    }

    private void Remove(SubscriptionBase subscription, bool tellServer)
    {
        bool removed = false;
        try
        {
            if (tellServer)
                _outbound.WriteIfConnected(new UnsubscribeCommand(subscription.Sid, null), () => removed = _subscriptions.TryRemove(subscription.Sid, out _));
            else
                removed = _subscriptions.TryRemove(subscription.Sid, out _);
        }
        catch (NatsConnectionClosedException)
        {
            // Closing already completed every subscription.
        }
        if (removed) subscription.Complete(null);
    }

    /// <summary>
    /// Unsubscribes everything, lets the messages the server already sent arrive and be read,
    /// sends what is still buffered, then closes.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        var draining = _subscriptions.Values.Where(s => s is not RequestMultiplexer).ToList();
        foreach (var subscription in draining)
            _outbound.WriteIfConnected(new UnsubscribeCommand(subscription.Sid, null), static () => { });
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        foreach (var subscription in draining)
            Remove(subscription, tellServer: false);
        await DisposeAsync().ConfigureAwait(false);
    }

    internal void ReportSlowConsumer(NatsSubscription subscription) =>
        Raise(NatsConnectionEventKind.SlowConsumer, ConnectedServer, $"subscription on '{subscription.Subject}' dropped messages ({subscription.DroppedMessages} so far)", subscription);

    private void Raise(NatsConnectionEventKind kind, Uri? server, string? message = null, NatsSubscription? subscription = null) =>
        _events.Writer.TryWrite(new NatsConnectionEvent(kind, server, message, subscription));

    private async Task PumpEventsAsync()
    {
        await foreach (var connectionEvent in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Events?.Invoke(connectionEvent);
            }
            catch
            {
                // A failing handler must not stop the events after it, nor the connection.
            }
        }
    }

    /// <summary>Sends what is buffered (waiting briefly), then closes the socket and ends every subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (_state == NatsConnectionState.Connected)
            {
                try
                {
                    await FlushAsync().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is NatsException or TimeoutException)
                {
                    // Closing anyway: what could not be sent in time is lost, as with any at-most-once publish.
                }
            }
            _closing.Cancel();
        }
        await _supervisor.ConfigureAwait(false);
    }
}
