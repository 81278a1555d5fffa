using System.Text.Json.Serialization;

namespace WasmCloud.Nats.JetStream;

[JsonConverter(typeof(JsonStringEnumConverter<DeliverPolicy>))]
public enum DeliverPolicy
{
    [JsonStringEnumMemberName("all")] All,
    [JsonStringEnumMemberName("last")] Last,
    [JsonStringEnumMemberName("new")] New,
    [JsonStringEnumMemberName("by_start_sequence")] ByStartSequence,
    [JsonStringEnumMemberName("last_per_subject")] LastPerSubject,
}

[JsonConverter(typeof(JsonStringEnumConverter<AckPolicy>))]
public enum AckPolicy
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("all")] All,
    [JsonStringEnumMemberName("explicit")] Explicit,
}

/// <summary>A consumer's configuration; zero values leave the server's defaults.</summary>
public sealed record ConsumerConfig
{
    public string? Name { get; init; }
    public string? DurableName { get; init; }
    public string? Description { get; init; }

    /// <summary>Set for a push consumer: where the server delivers messages.</summary>
    public string? DeliverSubject { get; init; }
    public DeliverPolicy DeliverPolicy { get; init; }
    public ulong OptStartSeq { get; init; }
    public AckPolicy AckPolicy { get; init; } = AckPolicy.Explicit;
    [JsonConverter(typeof(NanosecondsConverter))] public TimeSpan AckWait { get; init; }
    public long MaxDeliver { get; init; }
    public string? FilterSubject { get; init; }
    public bool FlowControl { get; init; }
    [JsonConverter(typeof(NanosecondsConverter))] public TimeSpan IdleHeartbeat { get; init; }
    public bool HeadersOnly { get; init; }
    public long MaxAckPending { get; init; }
    [JsonConverter(typeof(NanosecondsConverter))] public TimeSpan InactiveThreshold { get; init; }
    public int NumReplicas { get; init; }
    public bool MemStorage { get; init; }
}
