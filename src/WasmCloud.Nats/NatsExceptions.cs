namespace WasmCloud.Nats;

/// <summary>Base of every error this library raises on purpose.</summary>
public class NatsException : Exception
{
    public NatsException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A request reached no subscriber: the server answered with status 503.</summary>
public sealed class NatsNoRespondersException(string subject)
    : NatsException($"no responders are listening on '{subject}'")
{
    public string Subject { get; } = subject;
}

/// <summary>A request or flush got no answer in time.</summary>
public sealed class NatsTimeoutException(string what) : NatsException($"timed out waiting for {what}");

/// <summary>A message is larger than the server's <c>max_payload</c>.</summary>
public sealed class NatsMaxPayloadException(long size, long maxPayload)
    : NatsException($"message of {size} bytes exceeds the server's max_payload of {maxPayload} bytes")
{
    public long Size { get; } = size;
    public long MaxPayload { get; } = maxPayload;
}

/// <summary>The server refused our credentials.</summary>
public sealed class NatsAuthorizationException(string serverError) : NatsException($"server refused authorization: {serverError}");

/// <summary>The client is disconnected and its bounded reconnect buffer is full.</summary>
public sealed class NatsReconnectBufferFullException(int limit)
    : NatsException($"disconnected and the reconnect buffer of {limit} bytes is full");

/// <summary>The connection was closed (by the caller, by draining, or after reconnecting gave up).</summary>
public sealed class NatsConnectionClosedException(Exception? cause = null)
    : NatsException("the connection is closed", cause);
