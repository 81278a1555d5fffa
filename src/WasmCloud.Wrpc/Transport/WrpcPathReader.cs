using System.Threading.Channels;
using NATS.Client.Core;

namespace WasmCloud.Wrpc.Transport;

/// <summary>
/// The receiving end of one async value's path (a stream's chunks, a future's value): its messages in order, to the
/// empty message that ends it. A <see cref="WrpcServer.ErrorHeader"/> on that message is the sender's failure.
/// </summary>
public sealed class WrpcPathReader
{
    private readonly ChannelReader<NatsMsg<byte[]>> _messages;
    private bool _ended;

    internal WrpcPathReader(ChannelReader<NatsMsg<byte[]>> messages, string path)
    {
        _messages = messages;
        Path = path;
    }

    public string Path { get; }

    /// <summary>The next message's bytes; null at the end. Nothing within <paramref name="timeout"/> is a <see cref="WrpcException"/>.</summary>
    public async Task<byte[]?> ReadAsync(TimeSpan timeout, CancellationToken cancel)
    {
        if (_ended) return null;
        var msg = await InboxMux.Inbox.NextAsync(_messages, timeout, cancel)
            ?? throw new WrpcException($"nothing arrived on path {Path} within {timeout.TotalSeconds:0} s");
        if (msg.Headers?.TryGetValue(WrpcServer.ErrorHeader, out var error) == true) throw new WrpcRemoteException(error.ToString());
        if (msg.Data is { Length: > 0 } data) return data;
        _ended = true;
        return null;
    }
}
