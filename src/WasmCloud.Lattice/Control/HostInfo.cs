using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary>A host's answer to <c>host.ping</c> (upstream's <c>Host</c>).</summary>
public sealed record HostInfo
{
    [JsonPropertyName("rpc_host")] public string RpcHost { get; set; } = "";
    [JsonPropertyName("ctl_host")] public string CtlHost { get; set; } = "";
    [JsonPropertyName("friendly_name")] public string FriendlyName { get; set; } = "";
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("js_domain")] public string? JsDomain { get; set; }
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; set; } = [];
    [JsonPropertyName("lattice")] public string Lattice { get; set; } = "";
    [JsonPropertyName("uptime_human")] public string UptimeHuman { get; set; } = "";
    [JsonPropertyName("uptime_seconds")] public ulong UptimeSeconds { get; set; }
    [JsonPropertyName("version")] public string Version { get; set; } = "";
}
