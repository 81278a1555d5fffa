using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary><c>component.auction</c>: which hosts could run this component? Hosts that could answer; the rest stay silent.</summary>
public sealed record ComponentAuctionRequest
{
    [JsonPropertyName("component_ref")] public string ComponentRef { get; set; } = "";
    [JsonPropertyName("component_id"), JsonRequired] public string ComponentId { get; set; } = "";
    [JsonPropertyName("constraints"), JsonRequired] public Dictionary<string, string> Constraints { get; set; } = [];
}

/// <summary>A host's bid in a component auction.</summary>
public sealed record ComponentAuctionAck
{
    [JsonPropertyName("component_ref")] public string ComponentRef { get; set; } = "";
    [JsonPropertyName("component_id")] public string ComponentId { get; set; } = "";
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("constraints")] public Dictionary<string, string> Constraints { get; set; } = [];
}

/// <summary>
/// <c>component.scale.{host_id}</c>: run a component with at most <c>count</c> concurrent instances (0 stops it).
/// Upstream's host reads only <c>count</c>; wasmCloud's TypeScript client sends <c>max_instances</c>, which we accept too.
/// </summary>
public sealed record ScaleComponentCommand
{
    [JsonPropertyName("component_ref")] public string ComponentRef { get; set; } = "";
    [JsonPropertyName("component_id"), JsonRequired] public string ComponentId { get; set; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    [JsonPropertyName("count")] public uint? Count { get; set; }

    /// <summary>The TypeScript client's spelling of <see cref="Count"/>; read, never written.</summary>
    [JsonPropertyName("max_instances")] public uint? MaxInstancesSpelling { get; set; }

    [JsonPropertyName("component_limits")] public Dictionary<string, string>? ComponentLimits { get; set; }
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("config")] public List<string> Config { get; set; } = [];
    [JsonPropertyName("allow_update")] public bool AllowUpdate { get; set; }

    /// <summary>The instance limit asked for, whichever key carried it.</summary>
    [JsonIgnore] public uint MaxInstances => Count ?? MaxInstancesSpelling ?? 0;
}

/// <summary><c>component.update.{host_id}</c>: move a running component to another image, keeping its ID.</summary>
public sealed record UpdateComponentCommand
{
    [JsonPropertyName("component_id")] public string ComponentId { get; set; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("new_component_ref")] public string NewComponentRef { get; set; } = "";
}
