using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Events;

/// <summary><c>component_scaled</c> for a component without embedded claims (also sent for a scale to 0).</summary>
public sealed record ComponentScaled
{
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; init; } = [];
    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("image_ref")] public string ImageRef { get; init; } = "";
    [JsonPropertyName("max_instances")] public uint MaxInstances { get; init; }
    [JsonPropertyName("component_id")] public string ComponentId { get; init; } = "";
}

/// <summary><c>component_scale_failed</c>: the reference could not be fetched, compiled or started.</summary>
public sealed record ComponentScaleFailed
{
    [JsonPropertyName("component_id")] public string ComponentId { get; init; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; init; } = [];
    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("image_ref")] public string ImageRef { get; init; } = "";
    [JsonPropertyName("max_instances")] public uint MaxInstances { get; init; }
    [JsonPropertyName("error")] public string Error { get; init; } = "";
}
