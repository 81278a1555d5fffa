using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WasmCloud.Lattice.Wadm;

/// <summary>
/// A manifest between its tree and <see cref="Manifest"/>. Writing gives wadm's own serialisation (what it stores
/// and what <c>model.get</c> returns): keys in declaration order, empty maps and lists left out, aliases and
/// deprecated forms rewritten to their current spelling.
/// </summary>
public static class ManifestJson
{
    /// <summary>
    /// Reads YAML, JSON, or (with no content type) whichever parses, as wadm's put does; anything else is a
    /// <see cref="ManifestException"/> with wadm's wording.
    /// </summary>
    public static JsonNode ParseText(string text, string? contentType)
    {
        switch (contentType)
        {
            case "application/json":
                return Json(text, out var jsonError) ?? throw new ManifestException($"Unable to parse manifest: {jsonError}");
            case "application/yaml":
                return Yaml(text, out var yamlError) ?? throw new ManifestException($"Unable to parse manifest: {yamlError}");
            case null or "":
                if (Yaml(text, out var yaml) is { } fromYaml) return fromYaml;
                if (Json(text, out var json) is { } fromJson) return fromJson;
                throw new ManifestException($"Unable to parse manifest: YAML parsing failed: {yaml}\n\nCaused by:\n    JSON parsing failed: {json}");
            default:
                throw new ManifestException($"Unable to parse manifest: Unsupported content type {contentType} given. Wadm supports YAML and JSON");
        }
    }

    private static JsonNode? Yaml(string text, out string? error)
    {
        error = null;
        try
        {
            return YamlJson.Parse(text) ?? throw new ManifestException("the document is empty");
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or ManifestException)
        {
            error = e.Message;
            return null;
        }
    }

    private static JsonNode? Json(string text, out string? error)
    {
        error = null;
        try
        {
            return JsonNode.Parse(text) ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Reads a manifest tree that <see cref="ManifestValidator"/> found no error in.</summary>
    public static Manifest Read(JsonNode node)
    {
        var root = node.AsObject();
        var metadata = root["metadata"] as JsonObject ?? [];
        var spec = root["spec"] as JsonObject ?? [];
        return new Manifest
        {
            ApiVersion = Text(root["apiVersion"]) ?? ManifestValidator.OamVersion,
            Kind = Text(root["kind"]) ?? "Application",
            Name = (Text(metadata["name"]) ?? "").Trim(),
            Annotations = Scalars(metadata["annotations"]),
            Labels = Scalars(metadata["labels"]),
            Components = (spec["components"] as JsonArray ?? []).OfType<JsonObject>().Select(ReadComponent).ToList(),
            Policies = (spec["policies"] as JsonArray ?? []).OfType<JsonObject>().Select(p => new ManifestPolicy(
                Text(p["name"]) ?? "", Text(p["type"]) ?? "", Strings(p["properties"]) ?? [])).ToList(),
        };
    }

    private static ManifestComponent ReadComponent(JsonObject component)
    {
        var properties = component["properties"] as JsonObject ?? [];
        var shared = properties["application"] as JsonObject;
        return new ManifestComponent
        {
            Name = Text(component["name"]) ?? "",
            IsProvider = Text(component["type"]) == "capability",
            Image = Text(properties["image"]),
            Application = shared is null ? null : new SharedReference(Text(shared["name"]) ?? "", Text(shared["component"]) ?? ""),
            Id = Text(properties["id"]),
            Config = Configs(properties["config"]),
            Secrets = Secrets(properties["secrets"]),
            Traits = component["traits"] is JsonArray traits ? traits.OfType<JsonObject>().Select(ReadTrait).ToList() : null,
        };
    }

    private static ManifestTrait ReadTrait(JsonObject trait)
    {
        var type = Text(trait["type"]) ?? "";
        var properties = trait["properties"] as JsonObject;
        if (type is ManifestTrait.SpreadScalerType or ManifestTrait.DaemonScalerType && properties is not null)
        {
            var instances = properties["instances"] ?? properties["replicas"];
            var spreads = (properties["spread"] as JsonArray ?? []).OfType<JsonObject>().Select(s => new Spread(
                Text(s["name"]) ?? "", new SortedDictionary<string, string>(Strings(s["requirements"]) ?? [], StringComparer.Ordinal),
                s["weight"] is JsonValue w ? (uint)w.GetValue<long>() : null)).ToList();
            return new ManifestTrait { Type = type, Scaler = new ScalerProperties(instances is JsonValue n ? (uint)n.GetValue<long>() : 0, spreads) };
        }
        if (properties is not null && properties["namespace"] is not null && properties["target"] is not null)
        {
            var target = properties["target"];
            var source = properties["source"] as JsonObject;
            var sourceConfig = Configs(source?["config"]);
            sourceConfig.AddRange(Configs(properties["source_config"]));
            var targetConfig = Configs((target as JsonObject)?["config"]);
            targetConfig.AddRange(Configs(properties["target_config"]));
            return new ManifestTrait
            {
                Type = type,
                Link = new LinkProperties
                {
                    Namespace = Text(properties["namespace"]) ?? "",
                    Package = Text(properties["package"]) ?? "",
                    Interfaces = (properties["interfaces"] as JsonArray ?? []).Select(Text).OfType<string>().ToList(),
                    Name = Text(properties["name"]),
                    Source = source is null && sourceConfig.Count == 0 ? null : new LinkEnd(sourceConfig, Secrets(source?["secrets"])),
                    Target = new LinkTarget(target is JsonObject t ? Text(t["name"]) ?? "" : Text(target) ?? "", targetConfig, Secrets((target as JsonObject)?["secrets"])),
                },
            };
        }
        return new ManifestTrait { Type = type, Custom = properties?.DeepClone() };
    }

    /// <summary>wadm's serialisation of <paramref name="manifest"/>.</summary>
    public static JsonObject Write(Manifest manifest)
    {
        var metadata = new JsonObject { ["name"] = manifest.Name };
        if (manifest.Annotations.Count > 0) metadata["annotations"] = StringMap(manifest.Annotations);
        if (manifest.Labels.Count > 0) metadata["labels"] = StringMap(manifest.Labels);
        var spec = new JsonObject { ["components"] = new JsonArray(manifest.Components.Select(c => (JsonNode)WriteComponent(c)).ToArray()) };
        if (manifest.Policies.Count > 0)
            spec["policies"] = new JsonArray(manifest.Policies.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name, ["type"] = p.Type, ["properties"] = StringMap(p.Properties),
            }).ToArray());
        return new JsonObject { ["apiVersion"] = manifest.ApiVersion, ["kind"] = manifest.Kind, ["metadata"] = metadata, ["spec"] = spec };
    }

    private static JsonObject WriteComponent(ManifestComponent component)
    {
        var properties = new JsonObject();
        if (component.Image is { } image) properties["image"] = image;
        if (component.Application is { } shared) properties["application"] = new JsonObject { ["name"] = shared.Name, ["component"] = shared.Component };
        if (component.Id is { } id) properties["id"] = id;
        if (component.Config.Count > 0) properties["config"] = WriteConfigs(component.Config);
        if (component.Secrets.Count > 0) properties["secrets"] = WriteSecrets(component.Secrets);
        var written = new JsonObject { ["name"] = component.Name, ["type"] = component.IsProvider ? "capability" : "component", ["properties"] = properties };
        if (component.Traits is { } traits) written["traits"] = new JsonArray(traits.Select(t => (JsonNode)WriteTrait(t)).ToArray());
        return written;
    }

    private static JsonObject WriteTrait(ManifestTrait trait)
    {
        JsonNode? properties;
        if (trait.Scaler is { } scaler)
        {
            var written = new JsonObject { ["instances"] = scaler.Instances };
            if (scaler.Spread.Count > 0)
                written["spread"] = new JsonArray(scaler.Spread.Select(s =>
                {
                    var spread = new JsonObject { ["name"] = s.Name };
                    if (s.Requirements.Count > 0) spread["requirements"] = StringMap(s.Requirements);
                    if (s.Weight is { } weight) spread["weight"] = weight;
                    return (JsonNode)spread;
                }).ToArray());
            properties = written;
        }
        else if (trait.Link is { } link)
        {
            var written = new JsonObject
            {
                ["namespace"] = link.Namespace, ["package"] = link.Package, ["interfaces"] = new JsonArray(link.Interfaces.Select(i => (JsonNode)i).ToArray()),
            };
            if (link.Source is { } source) written["source"] = WriteEnd(source.Config, source.Secrets, null);
            written["target"] = WriteEnd(link.Target.Config, link.Target.Secrets, link.Target.Name);
            if (link.Name is { } name) written["name"] = name;
            properties = written;
        }
        else properties = trait.Custom?.DeepClone();
        var result = new JsonObject { ["type"] = trait.Type };
        if (properties is not null) result["properties"] = properties;
        return result;
    }

    private static JsonObject WriteEnd(List<ConfigProperty> config, List<SecretProperty> secrets, string? name)
    {
        var end = new JsonObject();
        if (name is not null) end["name"] = name;
        if (config.Count > 0) end["config"] = WriteConfigs(config);
        if (secrets.Count > 0) end["secrets"] = WriteSecrets(secrets);
        return end;
    }

    private static JsonArray WriteConfigs(List<ConfigProperty> configs) => new(configs.Select(c =>
    {
        var config = new JsonObject { ["name"] = c.Name };
        if (c.Properties is { } values) config["properties"] = StringMap(values);
        return (JsonNode)config;
    }).ToArray());

    private static JsonArray WriteSecrets(List<SecretProperty> secrets) => new(secrets.Select(s =>
    {
        var properties = new JsonObject { ["policy"] = s.Policy, ["key"] = s.Key };
        if (s.Field is { } field) properties["field"] = field;
        if (s.Version is { } version) properties["version"] = version;
        return (JsonNode)new JsonObject { ["name"] = s.Name, ["properties"] = properties };
    }).ToArray());

    private static JsonObject StringMap(IEnumerable<KeyValuePair<string, string>> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values) map[key] = value;
        return map;
    }

    private static List<ConfigProperty> Configs(JsonNode? node) =>
        (node as JsonArray ?? []).OfType<JsonObject>().Select(c => new ConfigProperty(Text(c["name"]) ?? "", Strings(c["properties"]))).ToList();

    private static List<SecretProperty> Secrets(JsonNode? node) => (node as JsonArray ?? []).OfType<JsonObject>().Select(s =>
    {
        var p = s["properties"] as JsonObject ?? [];
        return new SecretProperty(Text(s["name"]) ?? "", Text(p["policy"]) ?? "", Text(p["key"]) ?? "", Text(p["field"]), Text(p["version"]));
    }).ToList();

    private static Dictionary<string, string>? Strings(JsonNode? node) =>
        node is JsonObject map ? map.ToDictionary(e => e.Key, e => Text(e.Value) ?? "", StringComparer.Ordinal) : null;

    /// <summary>Annotations and labels take any scalar as its text, and an empty value as "".</summary>
    private static SortedDictionary<string, string> Scalars(JsonNode? node) => new(Strings(node) ?? [], StringComparer.Ordinal);

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
