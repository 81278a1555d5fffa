using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary>What runs on one host: the answer to <c>host.get.{host_id}</c> and the body of every heartbeat.</summary>
public sealed record HostInventory
{
    [JsonPropertyName("components")] public List<ComponentDescription> Components { get; set; } = [];

    /// <summary>Hosts before 1.0 called components actors; read, never written.</summary>
    [JsonPropertyName("actors")]
    public List<ComponentDescription>? Actors { get => null; set { if (value is { Count: > 0 } && Components.Count == 0) Components = value; } }

    [JsonPropertyName("providers")] public List<ProviderDescription> Providers { get; set; } = [];
    [JsonPropertyName("host_id")] public string HostId { get; set; } = "";
    [JsonPropertyName("friendly_name")] public string FriendlyName { get; set; } = "";
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; set; } = [];
    [JsonPropertyName("version")] public string Version { get; set; } = "";
    [JsonPropertyName("uptime_human")] public string UptimeHuman { get; set; } = "";
    [JsonPropertyName("uptime_seconds")] public ulong UptimeSeconds { get; set; }
}

/// <summary>A component in an inventory.</summary>
public sealed record ComponentDescription
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("image_ref")] public string ImageRef { get; set; } = "";
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    [JsonPropertyName("revision")] public int Revision { get; set; }
    [JsonPropertyName("max_instances")] public uint MaxInstances { get; set; }

    /// <summary>Upstream writes <c>"limits": null</c> rather than leaving the key out.</summary>
    [JsonPropertyName("limits"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Dictionary<string, string>? Limits { get; set; }
}

/// <summary>A provider in an inventory.</summary>
public sealed record ProviderDescription
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("image_ref")] public string? ImageRef { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("revision")] public int Revision { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
}
