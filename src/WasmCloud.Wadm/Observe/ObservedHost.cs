namespace WasmCloud.Wadm.Observe;

/// <summary>What wadm believes runs on one host, and when it last heard from it.</summary>
internal sealed class ObservedHost(string id)
{
    public string Id { get; } = id;
    public string FriendlyName { get; set; } = "";
    public Dictionary<string, string> Labels { get; set; } = [];
    public string Version { get; set; } = "";
    public ulong UptimeSeconds { get; set; }
    public Dictionary<string, ObservedComponent> Components { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, ObservedProvider> Providers { get; set; } = new(StringComparer.Ordinal);
    public DateTimeOffset LastSeen { get; set; }
    /// <summary>When the host sent its last heartbeat, by its own clock.</summary>
    public DateTimeOffset? LastHeartbeat { get; set; }

    /// <summary>The last few gaps between heartbeats, newest last.</summary>
    public List<TimeSpan> HeartbeatGaps { get; set; } = [];

    /// <summary>
    /// The host's heartbeat interval as near as wadm can tell: the longest of the last three gaps, so two
    /// heartbeats that arrive bunched after a stall do not make a healthy host look late.
    /// </summary>
    public TimeSpan? HeartbeatInterval => HeartbeatGaps.Count == 0 ? null : HeartbeatGaps.Max();

    public ObservedHost Clone() => new(Id)
    {
        FriendlyName = FriendlyName, Labels = Labels, Version = Version, UptimeSeconds = UptimeSeconds, LastSeen = LastSeen, LastHeartbeat = LastHeartbeat,
        HeartbeatGaps = HeartbeatGaps, Components = new(Components, StringComparer.Ordinal), Providers = new(Providers, StringComparer.Ordinal),
    };
}

internal sealed record ObservedComponent(string ImageRef, uint Count, IReadOnlyDictionary<string, string> Annotations);

internal sealed record ObservedProvider(string ImageRef, IReadOnlyDictionary<string, string> Annotations, bool Healthy = true);
