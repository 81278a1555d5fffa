namespace WasmCloud.Nats;

public enum NatsConnectionState { Connecting, Connected, Reconnecting, Closed }

public enum NatsConnectionEventKind
{
    Connected,
    Disconnected,
    Reconnected,
    Closed,

    /// <summary>The server sent -ERR (for instance a permissions violation) without closing the connection.</summary>
    ServerError,

    /// <summary>A subscription dropped messages because its reader fell behind.</summary>
    SlowConsumer,
}

/// <summary>Something that happened to a connection; raised in order, one at a time, off the I/O loops.</summary>
public sealed record NatsConnectionEvent(NatsConnectionEventKind Kind, Uri? Server, string? Message = null, NatsSubscription? Subscription = null);
