using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Events;

public sealed record HostStarted
{
    [JsonPropertyName("friendly_name")] public string FriendlyName { get; set; } = "";
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; set; } = [];
    [JsonPropertyName("uptime_seconds")] public ulong UptimeSeconds { get; set; }
    [JsonPropertyName("version")] public string Version { get; set; } = "";
}

public sealed record HostStopped
{
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; set; } = [];
}

public sealed record LabelsChanged
{
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; set; } = [];
}

public sealed record ConfigChanged
{
    [JsonPropertyName("config_name")] public string ConfigName { get; set; } = "";
}
