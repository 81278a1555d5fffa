using System.Buffers;

namespace WasmCloud.Nats;

/// <summary>What the connection's dispatcher knows about a subscription: its SID, what to resend after a reconnect, and where messages go.</summary>
public abstract class SubscriptionBase
{
    private long _delivered;

    private protected SubscriptionBase(NatsConnection connection, string subject, string? queueGroup)
    {
        Connection = connection;
        Subject = subject;
        QueueGroup = queueGroup;
    }

    public NatsConnection Connection { get; }
    public string Subject { get; }
    public string? QueueGroup { get; }
    internal long Sid { get; set; }

    /// <summary>After this many messages the server drops the subscription (UNSUB with a maximum); null for none.</summary>
    internal long? MaxMessages { get; set; }

    internal long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Counts a delivered message; true when that was the last one allowed.</summary>
    internal bool CountDelivery() => Interlocked.Increment(ref _delivered) == MaxMessages;

    internal abstract void Deliver(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, NatsHeaders? headers, in ReadOnlySequence<byte> payload);

    /// <summary>No more messages will come: unsubscribed, reached its maximum, or the connection closed.</summary>
    internal abstract void Complete(Exception? error);
}
