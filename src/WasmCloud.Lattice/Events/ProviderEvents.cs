using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Events;

/// <summary><c>provider_started</c> for a provider without claims (all a builtin provider has).</summary>
public sealed record ProviderStarted
{
    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("image_ref")] public string ImageRef { get; init; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; init; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; init; } = [];
}

public sealed record ProviderStartFailed
{
    [JsonPropertyName("provider_ref")] public string ProviderRef { get; init; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; init; } = "";
    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("error")] public string Error { get; init; } = "";
    [JsonPropertyName("link_name")] public string LinkName { get; init; } = "default";
}

public sealed record ProviderStopped
{
    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; init; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; init; } = [];
    [JsonPropertyName("reason")] public string Reason { get; init; } = "";
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";
    [JsonPropertyName("public_key")] public string PublicKey { get; init; } = "";
    [JsonPropertyName("link_name")] public string LinkName { get; init; } = "default";
}

/// <summary>The three health-check events share this body.</summary>
public sealed record ProviderHealth
{
    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; init; } = "";
}
