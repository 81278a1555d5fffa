using System.Text.Json.Serialization;

namespace WasmCloud.Lattice.Control;

/// <summary>
/// A link: calls from <see cref="SourceId"/> to the named interfaces of <c>wit_namespace:wit_package</c> go to
/// <see cref="Target"/>. Links are keyed by source, namespace, package and <see cref="Name"/>.
/// </summary>
public sealed record Link
{
    [JsonPropertyName("source_id"), JsonRequired] public string SourceId { get; init; } = "";
    [JsonPropertyName("target"), JsonRequired] public string Target { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "default";
    [JsonPropertyName("wit_namespace"), JsonRequired] public string WitNamespace { get; init; } = "";
    [JsonPropertyName("wit_package"), JsonRequired] public string WitPackage { get; init; } = "";
    [JsonPropertyName("interfaces"), JsonRequired] public List<string> Interfaces { get; init; } = [];
    [JsonPropertyName("source_config")] public List<string> SourceConfig { get; init; } = [];
    [JsonPropertyName("target_config")] public List<string> TargetConfig { get; init; } = [];

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
    [JsonPropertyName("source_id"), JsonRequired] public string SourceId { get; init; } = "";
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("link_name")] public string? LinkNameSpelling { get; init; }
    [JsonPropertyName("wit_namespace"), JsonRequired] public string WitNamespace { get; init; } = "";
    [JsonPropertyName("wit_package"), JsonRequired] public string WitPackage { get; init; } = "";

    [JsonIgnore] public string LinkName => Name ?? LinkNameSpelling ?? "default";
}
