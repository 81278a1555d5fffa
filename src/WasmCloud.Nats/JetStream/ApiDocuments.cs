namespace WasmCloud.Nats.JetStream;

/// <summary>The error member every <c>$JS.API</c> response may carry.</summary>
public sealed record ApiError(int Code, int ErrCode, string? Description);

/// <summary>Base of the <c>$JS.API</c> responses: present <see cref="Error"/> means the call failed.</summary>
public abstract record ApiResponse
{
    public ApiError? Error { get; init; }
}

public sealed record StreamState
{
    public ulong Messages { get; init; }
    public ulong Bytes { get; init; }
    public ulong FirstSeq { get; init; }
    public ulong LastSeq { get; init; }
    public int ConsumerCount { get; init; }
}

public sealed record ClusterInfo
{
    public string? Name { get; init; }
    public string? Leader { get; init; }
}

public sealed record StreamInfo : ApiResponse
{
    public StreamConfig Config { get; init; } = null!;
    public StreamState State { get; init; } = new();
    public ClusterInfo? Cluster { get; init; }
    public DateTimeOffset Created { get; init; }
}

public sealed record ConsumerInfo : ApiResponse
{
    public string StreamName { get; init; } = "";
    public string Name { get; init; } = "";
    public ConsumerConfig Config { get; init; } = null!;
    public ulong NumPending { get; init; }
}

/// <summary>The acknowledgement of a message stored by JetStream.</summary>
public sealed record PubAck : ApiResponse
{
    public string Stream { get; init; } = "";
    public ulong Seq { get; init; }
    public bool Duplicate { get; init; }
}

public sealed record AccountInfo : ApiResponse
{
    public ulong Memory { get; init; }
    public ulong Storage { get; init; }
    public int Streams { get; init; }
    public int Consumers { get; init; }
}

internal sealed record SuccessResponse : ApiResponse
{
    public bool Success { get; init; }
    public ulong Purged { get; init; }
}

/// <summary>Body of STREAM.PURGE: everything, or only a subject, optionally keeping the newest <see cref="Keep"/>.</summary>
public sealed record StreamPurgeRequest
{
    public string? Filter { get; init; }
    public ulong? Keep { get; init; }
    public ulong? Seq { get; init; }
}

internal sealed record ConsumerCreateRequest(string StreamName, ConsumerConfig Config);

/// <summary>Body of STREAM.MSG.GET and DIRECT.GET: by sequence or the last message on a subject.</summary>
internal sealed record MessageGetRequest
{
    public ulong? Seq { get; init; }
    public string? LastBySubj { get; init; }
}

internal sealed record MessageGetResponse : ApiResponse
{
    public RawStoredMessage? Message { get; init; }
}

internal sealed record RawStoredMessage
{
    public string Subject { get; init; } = "";
    public ulong Seq { get; init; }
    public byte[]? Hdrs { get; init; }
    public byte[]? Data { get; init; }
    public DateTimeOffset Time { get; init; }
}
