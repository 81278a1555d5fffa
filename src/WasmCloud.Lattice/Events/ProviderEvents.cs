using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Events;

/// <summary><c>provider_started</c> for a provider without claims (all a builtin provider has).</summary>
public sealed record ProviderStarted
{
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("image_ref")] public string ImageRef { get; set; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; set; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; set; } = [];
}

public sealed record ProviderStartFailed
{
    [JsonPropertyName("provider_ref")] public string ProviderRef { get; set; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; set; } = "";
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("error")] public string Error { get; set; } = "";
    [JsonPropertyName("link_name")] public string LinkName { get; set; } = "default";
}

public sealed record ProviderStopped
{
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; set; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; set; } = [];
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
    [JsonPropertyName("instance_id")] public string InstanceId { get; set; } = "";
    [JsonPropertyName("public_key")] public string PublicKey { get; set; } = "";
    [JsonPropertyName("link_name")] public string LinkName { get; set; } = "default";
}

/// <summary>The three health-check events share this body.</summary>
public sealed record ProviderHealth
{
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; set; } = "";
}
