using System.Buffers;

namespace WasmCloud.Nats.Protocol;

/// <summary>Receives what <see cref="ProtocolParser"/> finds in the server's byte stream.</summary>
internal interface IProtocolHandler
{
    /// <summary>MSG or HMSG; the spans are only valid during the call.</summary>
    void OnMessage(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, NatsHeaders? headers, in ReadOnlySequence<byte> payload);

    void OnInfo(ReadOnlySpan<byte> json);
    void OnPing();
    void OnPong();
    void OnError(string message);
}
