namespace WasmCloud.Nats;

/// <summary>A received message. A struct so that delivering one costs no allocation beyond its payload.</summary>
public readonly struct NatsMsg
{
    internal NatsMsg(string subject, string? replyTo, NatsHeaders? headers, ReadOnlyMemory<byte> data, NatsConnection? connection)
    {
        Subject = subject;
        ReplyTo = replyTo;
        Headers = headers;
        Data = data;
        Connection = connection;
    }

    public string Subject { get; }
    public string? ReplyTo { get; }
    public NatsHeaders? Headers { get; }
    public ReadOnlyMemory<byte> Data { get; }
    internal NatsConnection? Connection { get; }

    /// <summary>The server's "no responders" answer to a request: status 503 and no payload.</summary>
    public bool IsNoResponders => Headers?.StatusCode == 503 && Data.IsEmpty;

    /// <summary>Publishes an answer to <see cref="ReplyTo"/>.</summary>
    public ValueTask ReplyAsync(ReadOnlyMemory<byte> data, NatsHeaders? headers = null, CancellationToken cancellationToken = default)
    {
        if (ReplyTo is null) throw new InvalidOperationException($"message on '{Subject}' has no reply subject");
        if (Connection is null) throw new InvalidOperationException("message was not received from a connection");
        return Connection.PublishAsync(ReplyTo, data, headers, replyTo: null, cancellationToken);
    }
}
