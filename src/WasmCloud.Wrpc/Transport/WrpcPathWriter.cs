using NATS.Client.Core;

namespace WasmCloud.Wrpc.Transport;

/// <summary>
/// The sending end of one async value's path: bytes published in chunks that fit the server's <c>max_payload</c>,
/// then the empty message that ends the path — with a <see cref="WrpcServer.ErrorHeader"/> when the value could not
/// be sent whole (an upstream reader sees the stream end early; ours gets the reason).
/// </summary>
public sealed class WrpcPathWriter
{
    private readonly INatsConnection _nats;
    private bool _ended;

    internal WrpcPathWriter(INatsConnection nats, string subject)
    {
        _nats = nats;
        Subject = subject;
        MaxPayload = WrpcClient.MaxPayload(nats);
    }

    public string Subject { get; }

    /// <summary>The most one message may carry; writers that frame their own chunks size them to it.</summary>
    public int MaxPayload { get; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancel)
    {
        for (int offset = 0; offset < bytes.Length; offset += MaxPayload)
            // Sent from the caller's memory, no copy: each publish is awaited before that memory may be reused.
            await _nats.PublishAsync(Subject, bytes.Slice(offset, Math.Min(MaxPayload, bytes.Length - offset)), cancellationToken: cancel);
    }

    public async ValueTask CompleteAsync(CancellationToken cancel)
    {
        if (_ended) return;
        _ended = true;
        await _nats.PublishAsync(Subject, Array.Empty<byte>(), cancellationToken: cancel);
    }

    public async ValueTask FailAsync(string reason, CancellationToken cancel = default)
    {
        if (_ended) return;
        _ended = true;
        await _nats.PublishAsync(Subject, Array.Empty<byte>(), new NatsHeaders { [WrpcServer.ErrorHeader] = WrpcServer.HeaderValue(reason) }, cancellationToken: cancel);
    }
}
