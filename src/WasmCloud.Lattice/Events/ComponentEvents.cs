using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Events;

/// <summary><c>component_scaled</c> for a component without embedded claims (also sent for a scale to 0).</summary>
public sealed record ComponentScaled
{
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; set; } = [];
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("image_ref")] public string ImageRef { get; set; } = "";
    [JsonPropertyName("max_instances")] public uint MaxInstances { get; set; }
    [JsonPropertyName("component_id")] public string ComponentId { get; set; } = "";
}

/// <summary><c>component_scale_failed</c>: the reference could not be fetched, compiled or started.</summary>
public sealed record ComponentScaleFailed
{
    [JsonPropertyName("component_id")] public string ComponentId { get; set; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; set; } = [];
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("image_ref")] public string ImageRef { get; set; } = "";
    [JsonPropertyName("max_instances")] public uint MaxInstances { get; set; }
    [JsonPropertyName("error")] public string Error { get; set; } = "";
}
