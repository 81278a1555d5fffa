using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview2;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>A message a handler link hands to its component: what NATS delivered, headers included.</summary>
internal sealed record InboundMessage(string Subject, byte[] Body, string? ReplyTo, NatsHeaders? Headers)
{
    public static InboundMessage From(NatsMsg<byte[]> message) => new(message.Subject, message.Data ?? [], message.ReplyTo, message.Headers);

    /// <summary>0.2.0's <c>broker-message</c> record (subject, body, reply-to), which carries no headers.</summary>
    public static InboundMessage FromBroker(ComponentValue record)
    {
        var fields = ((RecordValue)record).Fields;
        return new(Val.ToText(fields[0].Value), Val.ToBytes(fields[1].Value), Val.ToVariant(fields[2].Value) is ("some", { } replyTo) ? Val.ToText(replyTo) : null, null);
    }
}
