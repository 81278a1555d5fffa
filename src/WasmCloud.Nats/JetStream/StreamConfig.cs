using System.Text.Json.Serialization;

namespace WasmCloud.Nats.JetStream;

[JsonConverter(typeof(JsonStringEnumConverter<RetentionPolicy>))]
public enum RetentionPolicy
{
    [JsonStringEnumMemberName("limits")] Limits,
    [JsonStringEnumMemberName("interest")] Interest,
    [JsonStringEnumMemberName("workqueue")] WorkQueue,
}

[JsonConverter(typeof(JsonStringEnumConverter<DiscardPolicy>))]
public enum DiscardPolicy
{
    [JsonStringEnumMemberName("old")] Old,
    [JsonStringEnumMemberName("new")] New,
}

[JsonConverter(typeof(JsonStringEnumConverter<StorageType>))]
public enum StorageType
{
    [JsonStringEnumMemberName("file")] File,
    [JsonStringEnumMemberName("memory")] Memory,
}

/// <summary>A stream's configuration as <c>$JS.API.STREAM.CREATE</c> takes it; -1 and zero durations mean "no limit".</summary>
public sealed record StreamConfig
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? Subjects { get; init; }
    public RetentionPolicy Retention { get; init; }
    public long MaxConsumers { get; init; } = -1;
    public long MaxMsgs { get; init; } = -1;
    public long MaxBytes { get; init; } = -1;
    [JsonConverter(typeof(NanosecondsConverter))] public TimeSpan MaxAge { get; init; }
    public long MaxMsgsPerSubject { get; init; } = -1;
    public int MaxMsgSize { get; init; } = -1;
    public DiscardPolicy Discard { get; init; }
    public StorageType Storage { get; init; }
    public int NumReplicas { get; init; } = 1;
    [JsonConverter(typeof(NanosecondsConverter))] public TimeSpan DuplicateWindow { get; init; }
    public bool AllowRollupHdrs { get; init; }
    public bool DenyDelete { get; init; }
    public bool DenyPurge { get; init; }
    public bool AllowDirect { get; init; }
}
