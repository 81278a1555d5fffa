using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary>A host's answer to <c>host.ping</c> (upstream's <c>Host</c>).</summary>
public sealed record HostInfo
{
    [JsonPropertyName("rpc_host")] public string RpcHost { get; init; } = "";
    [JsonPropertyName("ctl_host")] public string CtlHost { get; init; } = "";
    [JsonPropertyName("friendly_name")] public string FriendlyName { get; init; } = "";
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("js_domain")] public string? JsDomain { get; init; }
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; init; } = [];
    [JsonPropertyName("lattice")] public string Lattice { get; init; } = "";
    [JsonPropertyName("uptime_human")] public string UptimeHuman { get; init; } = "";
    [JsonPropertyName("uptime_seconds")] public ulong UptimeSeconds { get; init; }
    [JsonPropertyName("version")] public string Version { get; init; } = "";
}
