using System.Threading.Channels;

namespace WasmCloud.Nats.JetStream;

/// <summary>
/// An ordered push consumer: an ephemeral, unacknowledged, flow-controlled consumer whose messages are handed on
/// strictly in stream order without gaps. When a gap shows (a consumer sequence skipped, a heartbeat reporting more
/// than we saw, heartbeats missing, or the connection reconnected), it throws the consumer away and creates a new
/// one that starts right after the last stream sequence handed on.
/// </summary>
public sealed class NatsOrderedConsumer : IAsyncDisposable
{
    private static readonly TimeSpan IdleHeartbeat = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly NatsJetStream _js;
    private readonly string _stream;
    private readonly ConsumerConfig _initialConfig;
    private readonly Func<NatsMsg, JsMsgMetadata, CancellationToken, ValueTask> _onMessage;
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _resetGate = new();
    private CancellationTokenSource _reset = new();
    private ulong _lastStreamSequence;
    private volatile NatsSubscription? _subscription; // the current consumer's
    private Task _loop = Task.CompletedTask;

    private NatsOrderedConsumer(NatsJetStream js, string stream, ConsumerConfig config, Func<NatsMsg, JsMsgMetadata, CancellationToken, ValueTask> onMessage)
    {
        _js = js;
        _stream = stream;
        _initialConfig = config with
        {
            AckPolicy = AckPolicy.None,
            MaxDeliver = 1,
            FlowControl = true,
            IdleHeartbeat = IdleHeartbeat,
            MemStorage = true,
            NumReplicas = 1,
            InactiveThreshold = TimeSpan.FromMinutes(5),
        };
        _onMessage = onMessage;
    }

    /// <summary>Completes once everything that was in the stream when the consumer started has been handed on.</summary>
    public Task CaughtUp => _caughtUp.Task;

    /// <summary>Completes when the consumer stops for good: disposed, or its connection closed.</summary>
    public Task Stopped => _loop;

    private bool IsOver => _stop.IsCancellationRequested || _js.Connection.State == NatsConnectionState.Closed;

    /// <summary>Starts consuming; <paramref name="config"/> gives the filter, the initial deliver policy and whether headers only.</summary>
    public static async Task<NatsOrderedConsumer> StartAsync(NatsJetStream js, string stream, ConsumerConfig config,
        Func<NatsMsg, JsMsgMetadata, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default)
    {
        var consumer = new NatsOrderedConsumer(js, stream, config, onMessage);
        var first = await consumer.CreateAsync(cancellationToken).ConfigureAwait(false); // the first failure is the caller's to see
        js.Connection.Events += consumer.OnConnectionEvent;
        consumer._loop = Task.Run(() => consumer.RunAsync(first));
        return consumer;
    }

    private void OnConnectionEvent(NatsConnectionEvent e)
    {
        // After a reconnect the server holding our memory-only consumer may be the one we lost; a slow-consumer
        // report on our subscription means messages were dropped. Either way, start over rather than wait for
        // the heartbeat to reveal the gap.
        bool lostMessages = e.Kind == NatsConnectionEventKind.SlowConsumer && e.Subscription is { } dropping && dropping == _subscription;
        if (e.Kind == NatsConnectionEventKind.Reconnected || lostMessages)
            lock (_resetGate) _reset.Cancel();
    }

    private async Task<(NatsSubscription Subscription, string Name)> CreateAsync(CancellationToken cancellationToken)
    {
        var inbox = _js.Connection.NewInbox();
        var subscription = await _js.Connection.SubscribeAsync(inbox).ConfigureAwait(false);
        var config = _lastStreamSequence == 0
            ? _initialConfig with { DeliverSubject = inbox }
            : _initialConfig with { DeliverSubject = inbox, DeliverPolicy = DeliverPolicy.ByStartSequence, OptStartSeq = _lastStreamSequence + 1 };
        try
        {
            _subscription = subscription; // before the consumer exists: its first messages may already be dropped
            var info = await _js.CreateConsumerAsync(_stream, config, cancellationToken).ConfigureAwait(false);
            if (info.NumPending == 0) _caughtUp.TrySetResult();
            return (subscription, info.Name);
        }
        catch
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task RunAsync((NatsSubscription Subscription, string Name) current)
    {
        while (true)
        {
            CancellationTokenSource reset;
            lock (_resetGate) reset = _reset;
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, reset.Token))
            {
                try
                {
                    await ConsumeAsync(current.Subscription, linked.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or NatsException or ChannelClosedException)
                {
                    // Stopped, a reset was asked for, or the connection is going away (checked below).
                }
            }
            await current.Subscription.DisposeAsync().ConfigureAwait(false);
            _ = DeleteQuietlyAsync(current.Name);
            if (IsOver) return;

            lock (_resetGate)
                if (_reset.IsCancellationRequested)
                {
                    _reset.Dispose();
                    _reset = new CancellationTokenSource();
                }
            if (await RecreateAsync().ConfigureAwait(false) is not { } next) return;
            current = next;
        }
    }

    /// <summary>Keeps trying to create the replacement consumer (JetStream may be electing a leader); null when stopped.</summary>
    private async Task<(NatsSubscription Subscription, string Name)?> RecreateAsync()
    {
        while (!IsOver)
        {
            try
            {
                return await CreateAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NatsException or TimeoutException)
            {
                try
                {
                    await Task.Delay(RetryDelay, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return null;
    }

    /// <summary>Hands messages on until a gap or missing heartbeats call for a new consumer.</summary>
    private async Task ConsumeAsync(NatsSubscription subscription, CancellationToken cancellationToken)
    {
        ulong consumerSequence = 0;
        while (true)
        {
            if (!subscription.Messages.TryRead(out var msg))
            {
                // Everything that arrived in order is handed on; if our subscription dropped any, what we would wait for is lost.
                if (subscription.DroppedMessages > 0) return;
                using var heartbeatWatch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                heartbeatWatch.CancelAfter(IdleHeartbeat * 3);
                msg = await subscription.Messages.ReadAsync(heartbeatWatch.Token).ConfigureAwait(false);
            }

            if (msg.Headers is { StatusCode: 100 } control)
            {
                if (msg.ReplyTo is { } flowControl)
                    await _js.Connection.PublishAsync(flowControl, ReadOnlyMemory<byte>.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (control["Nats-Consumer-Stalled"] is { } stalled)
                    await _js.Connection.PublishAsync(stalled, ReadOnlyMemory<byte>.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (ulong.TryParse(control["Nats-Last-Consumer"], out var serverLast) && serverLast != consumerSequence)
                    return; // the server delivered messages we never saw
                continue;
            }
            if (!JsMsgMetadata.TryParse(msg.ReplyTo, out var metadata)) continue;
            if (metadata.ConsumerSequence != consumerSequence + 1)
                return;
            // Only a reset may interrupt reading, never the hand-over: a message taken but not handed on would be lost.
            await _onMessage(msg, metadata, _stop.Token).ConfigureAwait(false);
            consumerSequence = metadata.ConsumerSequence;
            _lastStreamSequence = metadata.StreamSequence;
            if (metadata.Pending == 0) _caughtUp.TrySetResult();
        }
    }

    private async Task DeleteQuietlyAsync(string name)
    {
        try
        {
            await _js.DeleteConsumerAsync(_stream, name).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            // An abandoned ephemeral consumer is removed by the server after its inactive threshold anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _js.Connection.Events -= OnConnectionEvent;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        lock (_resetGate) _reset.Dispose();
    }
}
