using System.Text.Json.Nodes;

namespace WasmCloud.Lattice.Wadm;

/// <summary>
/// An OAM application as wadm reads it (<c>core.oam.dev/v1beta1</c>, kind <c>Application</c>): what to run, where
/// and how many, and how it is linked. Aliases and deprecated spellings are already resolved (<c>actor</c> is a
/// component, <c>replicas</c> is <c>instances</c>, <c>target_config</c> is <c>target.config</c>).
/// </summary>
public sealed record Manifest
{
    public const string VersionAnnotation = "version";
    public const string DescriptionAnnotation = "description";
    public const string SharedAnnotation = "experimental.wasmcloud.dev/shared";

    public string ApiVersion { get; init; } = ManifestValidator.OamVersion;
    public string Kind { get; init; } = "Application";
    public required string Name { get; init; }
    public SortedDictionary<string, string> Annotations { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Labels { get; init; } = new(StringComparer.Ordinal);
    public List<ManifestComponent> Components { get; init; } = [];
    public List<ManifestPolicy> Policies { get; init; } = [];

    public string? Version => Annotations.GetValueOrDefault(VersionAnnotation);
    public string? Description => Annotations.GetValueOrDefault(DescriptionAnnotation);
    public bool Shared => Annotations.GetValueOrDefault(SharedAnnotation) == "true";
}

/// <summary>A component (<c>type: component</c>) or a capability provider (<c>type: capability</c>) of an application.</summary>
public sealed record ManifestComponent
{
    public required string Name { get; init; }
    public bool IsProvider { get; init; }
    public string? Image { get; init; }

    /// <summary>A component another application (annotated shared) runs, used here by reference.</summary>
    public SharedReference? Application { get; init; }

    public string? Id { get; init; }
    public List<ConfigProperty> Config { get; init; } = [];
    public List<SecretProperty> Secrets { get; init; } = [];

    /// <summary>Null when the manifest has no <c>traits</c> key (kept apart from an empty list, as upstream does).</summary>
    public List<ManifestTrait>? Traits { get; init; }
}

public sealed record SharedReference(string Name, string Component);

/// <summary>Named config: with properties wadm owns it (and names it after the application); without, it must exist.</summary>
public sealed record ConfigProperty(string Name, Dictionary<string, string>? Properties);

public sealed record SecretProperty(string Name, string Policy, string Key, string? Field, string? Version);

public sealed record ManifestPolicy(string Name, string Type, Dictionary<string, string> Properties);

/// <summary>A trait: a scaler (<see cref="Scaler"/>), a link (<see cref="Link"/>), or one wadm does not act on (<see cref="Custom"/>).</summary>
public sealed record ManifestTrait
{
    public const string SpreadScalerType = "spreadscaler";
    public const string DaemonScalerType = "daemonscaler";
    public const string LinkType = "link";

    public required string Type { get; init; }
    public ScalerProperties? Scaler { get; init; }
    public LinkProperties? Link { get; init; }
    public JsonNode? Custom { get; init; }

    public bool IsSpread => Type == SpreadScalerType && Scaler is not null;
    public bool IsDaemon => Type == DaemonScalerType && Scaler is not null;
}

public sealed record ScalerProperties(uint Instances, List<Spread> Spread);

public sealed record Spread(string Name, SortedDictionary<string, string> Requirements, uint? Weight)
{
    public uint EffectiveWeight => Weight ?? (uint)ManifestValidator.DefaultSpreadWeight;

    public bool Admits(IReadOnlyDictionary<string, string> labels) =>
        Requirements.All(r => labels.TryGetValue(r.Key, out var value) && value == r.Value);
}

public sealed record LinkProperties
{
    public required string Namespace { get; init; }
    public required string Package { get; init; }
    public List<string> Interfaces { get; init; } = [];
    public string? Name { get; init; }
    public LinkEnd? Source { get; init; }
    public required LinkTarget Target { get; init; }
}

public sealed record LinkEnd(List<ConfigProperty> Config, List<SecretProperty> Secrets);

public sealed record LinkTarget(string Name, List<ConfigProperty> Config, List<SecretProperty> Secrets);
