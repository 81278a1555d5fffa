using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary><c>provider.auction</c>.</summary>
public sealed record ProviderAuctionRequest
{
    [JsonPropertyName("provider_ref")] public string ProviderRef { get; set; } = "";
    [JsonPropertyName("provider_id"), JsonRequired] public string ProviderId { get; set; } = "";
    [JsonPropertyName("constraints"), JsonRequired] public Dictionary<string, string> Constraints { get; set; } = [];
}

/// <summary>A host's bid in a provider auction (upstream puts <c>host_id</c> first).</summary>
public sealed record ProviderAuctionAck
{
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("provider_ref")] public string ProviderRef { get; set; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; set; } = "";
    [JsonPropertyName("constraints")] public Dictionary<string, string> Constraints { get; set; } = [];
}

/// <summary><c>provider.start.{host_id}</c>.</summary>
public sealed record StartProviderCommand
{
    [JsonPropertyName("provider_id"), JsonRequired] public string ProviderId { get; set; } = "";
    [JsonPropertyName("provider_ref")] public string ProviderRef { get; set; } = "";
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("config")] public List<string> Config { get; set; } = [];
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
}

/// <summary><c>provider.stop.{host_id}</c>; <c>provider_ref</c> is read as another name for <c>provider_id</c>.</summary>
public sealed record StopProviderCommand
{
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("provider_id")] public string ProviderId { get; set; } = "";
    [JsonPropertyName("provider_ref")] public string? ProviderRefSpelling { get; set; }

    [JsonIgnore] public string Id => ProviderId.Length > 0 ? ProviderId : ProviderRefSpelling ?? "";
}
