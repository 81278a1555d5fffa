using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Events;

/// <summary><c>linkdef_set_failed</c>: the link as asked, and why it was refused.</summary>
public sealed record LinkSetFailed
{
    [JsonPropertyName("source_id")] public string SourceId { get; set; } = "";
    [JsonPropertyName("target")] public string Target { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("wit_namespace")] public string WitNamespace { get; set; } = "";
    [JsonPropertyName("wit_package")] public string WitPackage { get; set; } = "";
    [JsonPropertyName("interfaces")] public List<string> Interfaces { get; set; } = [];
    [JsonPropertyName("source_config")] public List<string> SourceConfig { get; set; } = [];
    [JsonPropertyName("target_config")] public List<string> TargetConfig { get; set; } = [];
    [JsonPropertyName("error")] public string Error { get; set; } = "";
}

/// <summary><c>linkdef_deleted</c>: <c>target</c> and <c>interfaces</c> only when a link was actually removed.</summary>
public sealed record LinkDeleted
{
    [JsonPropertyName("source_id")] public string SourceId { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("wit_namespace")] public string WitNamespace { get; set; } = "";
    [JsonPropertyName("wit_package")] public string WitPackage { get; set; } = "";
    [JsonPropertyName("target")] public string? Target { get; set; }
    [JsonPropertyName("interfaces")] public List<string>? Interfaces { get; set; }
}
