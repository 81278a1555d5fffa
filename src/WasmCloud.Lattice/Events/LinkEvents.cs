using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Events;

/// <summary><c>linkdef_set_failed</c>: the link as asked, and why it was refused.</summary>
public sealed record LinkSetFailed
{
    [JsonPropertyName("source_id")] public string SourceId { get; init; } = "";
    [JsonPropertyName("target")] public string Target { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("wit_namespace")] public string WitNamespace { get; init; } = "";
    [JsonPropertyName("wit_package")] public string WitPackage { get; init; } = "";
    [JsonPropertyName("interfaces")] public List<string> Interfaces { get; init; } = [];
    [JsonPropertyName("source_config")] public List<string> SourceConfig { get; init; } = [];
    [JsonPropertyName("target_config")] public List<string> TargetConfig { get; init; } = [];
    [JsonPropertyName("error")] public string Error { get; init; } = "";
}

/// <summary><c>linkdef_deleted</c>: <c>target</c> and <c>interfaces</c> only when a link was actually removed.</summary>
public sealed record LinkDeleted
{
    [JsonPropertyName("source_id")] public string SourceId { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("wit_namespace")] public string WitNamespace { get; init; } = "";
    [JsonPropertyName("wit_package")] public string WitPackage { get; init; } = "";
    [JsonPropertyName("target")] public string? Target { get; init; }
    [JsonPropertyName("interfaces")] public List<string>? Interfaces { get; init; }
}
