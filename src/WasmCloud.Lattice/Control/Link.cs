using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary>
/// A link: calls from <see cref="SourceId"/> to the named interfaces of <c>wit_namespace:wit_package</c> go to
/// <see cref="Target"/>. Links are keyed by source, namespace, package and <see cref="Name"/>.
/// </summary>
public sealed record Link
{
    [JsonPropertyName("source_id"), JsonRequired] public string SourceId { get; set; } = "";
    [JsonPropertyName("target"), JsonRequired] public string Target { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "default";
    [JsonPropertyName("wit_namespace"), JsonRequired] public string WitNamespace { get; set; } = "";
    [JsonPropertyName("wit_package"), JsonRequired] public string WitPackage { get; set; } = "";
    [JsonPropertyName("interfaces"), JsonRequired] public List<string> Interfaces { get; set; } = [];
    [JsonPropertyName("source_config")] public List<string> SourceConfig { get; set; } = [];
    [JsonPropertyName("target_config")] public List<string> TargetConfig { get; set; } = [];

    /// <summary>Whether <paramref name="other"/> has the same key (source, namespace, package, name).</summary>
    public bool SameKey(Link other) =>
        SourceId == other.SourceId && Name == other.Name && WitNamespace == other.WitNamespace && WitPackage == other.WitPackage;

    public bool Matches(DeleteLinkRequest key) =>
        SourceId == key.SourceId && Name == key.LinkName && WitNamespace == key.WitNamespace && WitPackage == key.WitPackage;
}

/// <summary>
/// <c>link.del</c>: the key of the link to remove. wasmCloud's TypeScript client sends <c>link_name</c> where
/// the host reads <c>name</c>; both are accepted.
/// </summary>
public sealed record DeleteLinkRequest
{
    [JsonPropertyName("source_id"), JsonRequired] public string SourceId { get; set; } = "";
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("link_name")] public string? LinkNameSpelling { get; set; }
    [JsonPropertyName("wit_namespace"), JsonRequired] public string WitNamespace { get; set; } = "";
    [JsonPropertyName("wit_package"), JsonRequired] public string WitPackage { get; set; } = "";

    [JsonIgnore] public string LinkName => Name ?? LinkNameSpelling ?? "default";
}
