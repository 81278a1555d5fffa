using System.Buffers;
using System.Text;
using System.Threading.Channels;

namespace WasmCloud.Nats;

/// <summary>
/// A subscription: enumerate it to receive messages, dispose it to unsubscribe.
/// Messages wait in a bounded channel; when the reader falls behind and the channel is full,
/// new messages are dropped and counted (<see cref="DroppedMessages"/>) and a slow-consumer event is raised,
/// so a slow reader costs lost messages rather than unbounded memory.
/// </summary>
public sealed class NatsSubscription : SubscriptionBase, IAsyncEnumerable<NatsMsg>, IAsyncDisposable
{
    private readonly Channel<NatsMsg> _messages;
    private long _dropped;
    private long _nextSlowConsumerReport; // Environment.TickCount64 milliseconds

    // The last subject seen and its string, so a stream of messages on one subject shares one string.
    private byte[] _lastSubjectBytes = [];
    private string _lastSubject = "";

    internal NatsSubscription(NatsConnection connection, string subject, string? queueGroup, int capacity)
        : base(connection, subject, queueGroup)
    {
        _messages = Channel.CreateBounded<NatsMsg>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of blocking: the dispatcher drops
            SingleWriter = true,
        });
    }

    /// <summary>The queue of received messages, for callers who want <c>ReadAsync</c>/<c>TryRead</c> directly.</summary>
    public ChannelReader<NatsMsg> Messages => _messages.Reader;

    /// <summary>Messages dropped because this subscription's channel was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    public async IAsyncEnumerator<NatsMsg> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (await _messages.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            while (_messages.Reader.TryRead(out var msg))
                yield return msg;
    }

    /// <summary>Stops delivery at once; messages already queued can still be read.</summary>
    public ValueTask UnsubscribeAsync() => Connection.UnsubscribeAsync(this);

    /// <summary>Unsubscribes, waits until the server has sent everything still in flight, then ends the enumeration once those are read.</summary>
    public Task DrainAsync(CancellationToken cancellationToken = default) => Connection.DrainSubscriptionAsync(this, cancellationToken);

    public ValueTask DisposeAsync() => UnsubscribeAsync();

    internal override void Deliver(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, NatsHeaders? headers, in ReadOnlySequence<byte> payload)
    {
        var msg = new NatsMsg(
            SubjectString(subject),
            replyTo.IsEmpty ? null : Encoding.UTF8.GetString(replyTo),
            headers,
            payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : payload.ToArray(),
            Connection);
        if (_messages.Writer.TryWrite(msg)) return;

        Interlocked.Increment(ref _dropped);
        long now = Environment.TickCount64;
        if (now >= _nextSlowConsumerReport) // one report a second, not one per dropped message
        {
            _nextSlowConsumerReport = now + 1000;
            Connection.ReportSlowConsumer(this);
        }
    }

    private string SubjectString(ReadOnlySpan<byte> subject)
    {
        if (!subject.SequenceEqual(_lastSubjectBytes))
        {
            _lastSubjectBytes = subject.ToArray();
            _lastSubject = Encoding.UTF8.GetString(subject);
        }
        return _lastSubject;
    }

    internal override void Complete(Exception? error) => _messages.Writer.TryComplete(error);
}
