using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Events;

public sealed record HostStarted
{
    [JsonPropertyName("friendly_name")] public string FriendlyName { get; init; } = "";
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; init; } = [];
    [JsonPropertyName("uptime_seconds")] public ulong UptimeSeconds { get; init; }
    [JsonPropertyName("version")] public string Version { get; init; } = "";
}

public sealed record HostStopped
{
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; init; } = [];
}

public sealed record LabelsChanged
{
    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; init; } = [];
}

public sealed record ConfigChanged
{
    [JsonPropertyName("config_name")] public string ConfigName { get; init; } = "";
}
