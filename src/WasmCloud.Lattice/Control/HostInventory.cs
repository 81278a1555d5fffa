using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary>What runs on one host: the answer to <c>host.get.{host_id}</c> and the body of every heartbeat.</summary>
public sealed record HostInventory
{
    [JsonPropertyName("components")] public List<ComponentDescription> Components { get; init; } = [];

    /// <summary>Hosts before 1.0 called components actors; read, never written.</summary>
    [JsonPropertyName("actors")]
    public List<ComponentDescription>? Actors { get => null; init { if (value is { Count: > 0 } && Components.Count == 0) Components = value; } }

    [JsonPropertyName("providers")] public List<ProviderDescription> Providers { get; init; } = [];
    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("friendly_name")] public string FriendlyName { get; init; } = "";
    [JsonPropertyName("labels")] public Dictionary<string, string> Labels { get; init; } = [];
    [JsonPropertyName("version")] public string Version { get; init; } = "";
    [JsonPropertyName("uptime_human")] public string UptimeHuman { get; init; } = "";
    [JsonPropertyName("uptime_seconds")] public ulong UptimeSeconds { get; init; }
}

/// <summary>A component in an inventory.</summary>
public sealed record ComponentDescription
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("image_ref")] public string ImageRef { get; init; } = "";
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
    [JsonPropertyName("revision")] public int Revision { get; init; }
    [JsonPropertyName("max_instances")] public uint MaxInstances { get; init; }

    /// <summary>Upstream writes <c>"limits": null</c> rather than leaving the key out.</summary>
    [JsonPropertyName("limits"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Dictionary<string, string>? Limits { get; init; }
}

/// <summary>A provider in an inventory.</summary>
public sealed record ProviderDescription
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("image_ref")] public string? ImageRef { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("revision")] public int Revision { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
}
