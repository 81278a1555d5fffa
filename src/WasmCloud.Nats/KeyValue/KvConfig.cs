using WasmCloud.Nats.JetStream;

namespace WasmCloud.Nats.KeyValue;

/// <summary>A key-value bucket: a stream <c>KV_&lt;bucket&gt;</c> holding subjects <c>$KV.&lt;bucket&gt;.&lt;key&gt;</c>.</summary>
public sealed record KvConfig
{
    public required string Bucket { get; init; }
    public string? Description { get; init; }

    /// <summary>Values kept per key, 1 to 64.</summary>
    public int History { get; init; } = 1;

    /// <summary>How long a value lives; zero for ever.</summary>
    public TimeSpan Ttl { get; init; }

    public int Replicas { get; init; } = 1;
    public long MaxBytes { get; init; } = -1;
    public int MaxValueSize { get; init; } = -1;
    public StorageType Storage { get; init; } = StorageType.File;

    internal StreamConfig ToStreamConfig()
    {
        if (History is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(History), "history must be between 1 and 64");
        var duplicateWindow = TimeSpan.FromMinutes(2);
        if (Ttl > TimeSpan.Zero && Ttl < duplicateWindow) duplicateWindow = Ttl;
        return new StreamConfig
        {
            Name = KvNames.Stream(Bucket),
            Description = Description,
            Subjects = [KvNames.Subject(Bucket, ">")],
            MaxMsgsPerSubject = History,
            MaxBytes = MaxBytes,
            MaxAge = Ttl,
            MaxMsgSize = MaxValueSize,
            Storage = Storage,
            NumReplicas = Replicas,
            Discard = DiscardPolicy.New,
            DuplicateWindow = duplicateWindow,
            AllowRollupHdrs = true, // purge rolls a key up to its purge marker
            DenyDelete = true,      // deletes are markers, so watchers see them
            AllowDirect = true,     // gets may be answered by any replica
        };
    }
}
