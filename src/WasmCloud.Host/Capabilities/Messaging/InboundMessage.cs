using NATS.Client.Core;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>A message a handler link hands to its component: what NATS delivered, headers included.</summary>
internal sealed record InboundMessage(string Subject, byte[] Body, string? ReplyTo, NatsHeaders? Headers)
{
    public static InboundMessage From(NatsMsg<byte[]> message) => new(message.Subject, message.Data ?? [], message.ReplyTo, message.Headers);
}
