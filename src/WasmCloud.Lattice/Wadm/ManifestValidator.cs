using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WasmCloud.Lattice.Wadm;

/// <summary>A problem found in a manifest: where (a path like <c>spec.components[2].traits[0].properties.instances</c>), what, and how bad.</summary>
public sealed record ManifestProblem(string Path, string Message, bool IsError)
{
    public override string ToString() => $"{(IsError ? "error" : "warning")}: {Path}: {Message}";
}

/// <summary>
/// Checks an OAM application manifest (<c>core.oam.dev/v1beta1</c>, kind <c>Application</c>) as wadm reads it, and
/// reports every problem at once, each with the path where it is. It reads the manifest's tree, not a typed model,
/// so a field of the wrong type is one more problem rather than the end of the check.
/// </summary>
public static partial class ManifestValidator
{
    public const string OamVersion = "core.oam.dev/v1beta1";
    public const int DefaultSpreadWeight = 100;

    [GeneratedRegex("^[-\\w]+$")]
    private static partial Regex NamePattern();

    /// <summary>Whether a manifest name (or component ID) is letters, digits, dashes and underscores only, as wadm requires.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>Reads YAML or JSON (JSON is YAML) and checks it; text that is neither is a single problem at the root.</summary>
    public static IReadOnlyList<ManifestProblem> Validate(string text)
    {
        JsonNode? root;
        try
        {
            root = YamlJson.Parse(text);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or ManifestException)
        {
            return [new ManifestProblem("(manifest)", $"not YAML or JSON: {e.Message}", true)];
        }
        return Validate(root);
    }

    public static IReadOnlyList<ManifestProblem> Validate(JsonNode? root)
    {
        var problems = new Problems();
        if (root is not JsonObject manifest)
        {
            problems.Error("(manifest)", "a manifest is a mapping with apiVersion, kind, metadata and spec");
            return problems.All;
        }
        // Upstream requires both keys but never looks at their values; a wrong one is worth saying, not refusing.
        if (manifest["apiVersion"] is null) problems.Error("apiVersion", $"is required ({OamVersion})");
        else if (Text(manifest, "apiVersion") != OamVersion) problems.Warning("apiVersion", $"wadm reads {OamVersion}, not {Show(manifest["apiVersion"])}");
        if (manifest["kind"] is null) problems.Error("kind", "is required (Application)");
        else if (Text(manifest, "kind") != "Application") problems.Warning("kind", $"wadm reads Application, not {Show(manifest["kind"])}");
        Known(manifest, "(manifest)", ["apiVersion", "kind", "metadata", "spec"], problems);
        CheckMetadata(manifest["metadata"], problems);
        if (manifest["spec"] is not JsonObject spec)
        {
            problems.Error("spec", "is required: a mapping with components");
            return problems.All;
        }
        var policies = CheckPolicies(spec["policies"], problems);
        if (spec["components"] is not JsonArray components)
        {
            problems.Error("spec.components", "is required: a list of components");
            return problems.All;
        }
        var appName = Text(manifest["metadata"] as JsonObject, "name") ?? "";
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < components.Count; i++)
        {
            var path = $"spec.components[{i}]";
            if (components[i] is not JsonObject component)
            {
                problems.Error(path, "a component is a mapping with name, type and properties");
                continue;
            }
            var name = Text(component, "name");
            var unique = false;
            if (string.IsNullOrEmpty(name)) problems.Error($"{path}.name", "is required");
            else if (!names.TryAdd(name, path)) problems.Error($"{path}.name", $"Duplicate component name in manifest: {name} (also {names[name]})");
            else unique = true;
            var type = Text(component, "type");
            if (type is not ("component" or "actor" or "capability")) problems.Error($"{path}.type", $"must be component (or actor) or capability, not {Show(component["type"])}");
            Known(component, path, ["name", "type", "properties", "traits"], problems, ignored: true);
            var id = CheckProperties(component["properties"], $"{path}.properties", policies, problems) ?? ComponentId(appName, name ?? "");
            if (unique && !ids.TryAdd(id, path)) problems.Error($"{path}.properties.id", $"Duplicate component identifier in manifest: {id} (also {ids[id]})");
        }
        var linkConfigs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < components.Count; i++)
            if (components[i] is JsonObject component)
                CheckTraits(component, $"spec.components[{i}]", names, policies, linkConfigs, problems);
        return problems.All;
    }

    /// <summary>
    /// The ID wadm gives a component without one: the manifest's name and the component's, each lowercased with
    /// anything but ASCII letters and digits as <c>_</c>, joined by <c>-</c> (<c>My ThInG</c>, <c>thing.wasm</c> →
    /// <c>my_thing-thing_wasm</c>).
    /// </summary>
    public static string ComponentId(string manifest, string component) => $"{Sanitize(manifest)}-{Sanitize(component)}";

    private static string Sanitize(string name) => new(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static void CheckMetadata(JsonNode? node, Problems problems)
    {
        if (node is not JsonObject metadata)
        {
            problems.Error("metadata", "is required: a mapping with name");
            return;
        }
        var name = Text(metadata, "name");
        if (string.IsNullOrEmpty(name)) problems.Error("metadata.name", "is required");
        else if (!NamePattern().IsMatch(name)) problems.Error("metadata.name", $"manifest name [{name}] is not allowed (should match regex [^[-\\w]+$]): letters, digits, dashes and underscores only");
        foreach (var field in new[] { "annotations", "labels" })
        {
            if (metadata[field] is JsonObject entries)
            {
                foreach (var (key, value) in entries)
                {
                    if (!OamKey(key)) problems.Error($"metadata.{field}.{key}", $"Invalid OAM {field[..^1]}: `{key}` (a key is NAME or DNS-PREFIX/NAME; NAME is 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
                    if (value is JsonObject or JsonArray) problems.Error($"metadata.{field}.{key}", $"{field[..^1]} values are strings");
                }
            }
            else if (metadata[field] is not null) problems.Error($"metadata.{field}", "must be a mapping of strings");
        }
        if (Text(metadata["annotations"] as JsonObject, "version") == "latest")
            problems.Error("metadata.annotations.version", "latest is not allowed in wadm: give the manifest a version of its own, or none to get one generated");
    }

    private const string SecretPolicyType = "policy.secret.wasmcloud.dev/v1alpha1";

    /// <summary>The spec's policies by name, each with its type and whether it names a backend.</summary>
    private static Dictionary<string, (string? Type, bool HasBackend)> CheckPolicies(JsonNode? node, Problems problems)
    {
        var names = new Dictionary<string, (string?, bool)>(StringComparer.Ordinal);
        if (node is null) return names;
        if (node is not JsonArray policies)
        {
            problems.Error("spec.policies", "must be a list");
            return names;
        }
        for (int i = 0; i < policies.Count; i++)
        {
            var path = $"spec.policies[{i}]";
            var policy = policies[i] as JsonObject;
            var name = Text(policy, "name");
            if (string.IsNullOrEmpty(name)) problems.Error($"{path}.name", "is required");
            else if (!names.TryAdd(name, (Text(policy, "type"), policy?["properties"] is JsonObject p && p["backend"] is not null)))
                problems.Error($"{path}.name", $"`{name}` names another policy too; policy names must be unique");
            if (string.IsNullOrEmpty(Text(policy, "type"))) problems.Error($"{path}.type", "is required");
            if (policy?["properties"] is not (null or JsonObject)) problems.Error($"{path}.properties", "must be a mapping");
        }
        return names;
    }

    /// <summary>Checks a component's properties; returns its explicit ID, if it has one.</summary>
    private static string? CheckProperties(JsonNode? node, string path, Dictionary<string, (string? Type, bool HasBackend)> policies, Problems problems)
    {
        if (node is not JsonObject properties)
        {
            problems.Error(path, "is required: a mapping with image (or application)");
            return null;
        }
        Known(properties, path, ["image", "application", "id", "config", "secrets"], problems);
        var image = Text(properties, "image");
        var application = properties["application"];
        if (string.IsNullOrEmpty(image) && application is null) problems.Error($"{path}.image", "is required: Component must have either 'image' or 'application' property");
        if (!string.IsNullOrEmpty(image) && application is not null) problems.Error(path, "Component cannot have both 'image' and 'application' properties");
        if (application is JsonObject sharedApp && string.IsNullOrEmpty(image))
        {
            var appName = Text(sharedApp, "name");
            if (properties["config"] is JsonArray { Count: > 0 }) problems.Error($"{path}.config", $"Shared component '{appName}' cannot specify additional 'config'");
            if (properties["secrets"] is JsonArray { Count: > 0 }) problems.Error($"{path}.secrets", $"Shared component '{appName}' cannot specify additional 'secrets'");
        }
        if (application is JsonObject shared)
        {
            if (string.IsNullOrEmpty(Text(shared, "name"))) problems.Error($"{path}.application.name", "is required: the shared application's name");
            if (string.IsNullOrEmpty(Text(shared, "component"))) problems.Error($"{path}.application.component", "is required: the component's name in that application");
        }
        else if (application is not null) problems.Error($"{path}.application", "must be a mapping with name and component");
        if (!string.IsNullOrEmpty(image) && (image.EndsWith(":latest", StringComparison.Ordinal)))
            problems.Warning($"{path}.image", "`latest` is refused by hosts unless they allow it (--allow-latest); pin a version");
        CheckConfig(properties["config"], $"{path}.config", problems);
        CheckSecrets(properties["secrets"], $"{path}.secrets", policies, problems);
        var id = properties["id"];
        if (id is null) return null;
        var text = id is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrEmpty(text)) problems.Error($"{path}.id", "must be a non-empty string");
        else if (!NamePattern().IsMatch(text)) problems.Error($"{path}.id", $"`{text}` may hold only letters, digits, dashes and underscores");
        return text;
    }

    private static void CheckConfig(JsonNode? node, string path, Problems problems)
    {
        if (node is null) return;
        if (node is not JsonArray configs)
        {
            problems.Error(path, "must be a list of {name, properties}");
            return;
        }
        for (int i = 0; i < configs.Count; i++)
        {
            var config = configs[i] as JsonObject;
            Known(config, $"{path}[{i}]", ["name", "properties"], problems);
            if (string.IsNullOrEmpty(Text(config, "name"))) problems.Error($"{path}[{i}].name", "is required");
            else if (Text(config, "name")!.StartsWith("SECRET_", StringComparison.Ordinal)) problems.Error($"{path}[{i}].name", "config names may not start with SECRET_ (that prefix is for secrets)");
            if (config?["properties"] is JsonObject values)
            {
                foreach (var (key, value) in values)
                    if (value is not JsonValue v || !v.TryGetValue<string>(out _)) problems.Error($"{path}[{i}].properties.{key}", "config values are strings");
            }
            else if (config?["properties"] is not null) problems.Error($"{path}[{i}].properties", "must be a mapping of strings");
        }
    }

    private static void CheckSecrets(JsonNode? node, string path, Dictionary<string, (string? Type, bool HasBackend)> policies, Problems problems)
    {
        if (node is null) return;
        if (node is not JsonArray secrets)
        {
            problems.Error(path, "must be a list of {name, properties}");
            return;
        }
        for (int i = 0; i < secrets.Count; i++)
        {
            var secret = secrets[i] as JsonObject;
            if (string.IsNullOrEmpty(Text(secret, "name"))) problems.Error($"{path}[{i}].name", "is required");
            var properties = secret?["properties"] as JsonObject;
            var policy = Text(properties, "policy");
            if (string.IsNullOrEmpty(policy)) problems.Error($"{path}[{i}].properties.policy", "is required: the name of a policy in spec.policies");
            else if (!policies.TryGetValue(policy, out var found)) problems.Error($"{path}[{i}].properties.policy", $"secret '{Text(secret, "name")}' is mapped to unknown policy '{policy}'");
            else if (found.Type != SecretPolicyType)
                problems.Error($"{path}[{i}].properties.policy", $"secret '{Text(secret, "name")}' is mapped to policy '{policy}' which is not a secret policy. Expected type '{SecretPolicyType}'");
            else if (!found.HasBackend)
                problems.Error($"{path}[{i}].properties.policy", $"secret '{Text(secret, "name")}' is mapped to policy '{policy}' which does not include a 'backend' property");
            if (string.IsNullOrEmpty(Text(properties, "key"))) problems.Error($"{path}[{i}].properties.key", "is required: the secret's key in the backend");
        }
    }

    private static void CheckTraits(JsonObject component, string path, Dictionary<string, string> components, Dictionary<string, (string? Type, bool HasBackend)> policies,
        Dictionary<string, string> linkConfigs, Problems problems)
    {
        var shared = (component["properties"] as JsonObject)?["application"] is JsonObject app ? Text(app, "name") : null;
        if (component["traits"] is null) return;
        if (component["traits"] is not JsonArray traits)
        {
            problems.Error($"{path}.traits", "must be a list");
            return;
        }
        var scalers = 0;
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < traits.Count; i++)
        {
            var tpath = $"{path}.traits[{i}]";
            var trait = traits[i] as JsonObject;
            Known(trait, tpath, ["type", "properties"], problems);
            var type = Text(trait, "type");
            var properties = trait?["properties"];
            switch (type)
            {
                case "spreadscaler" or "daemonscaler":
                    if (++scalers > 1) problems.Error($"{tpath}.type", "a component has at most one scaler (spreadscaler or daemonscaler)");
                    if (shared is not null) problems.Error($"{tpath}.type", $"Shared component '{shared}' cannot include a scaler trait");
                    CheckScaler(properties, $"{tpath}.properties", problems);
                    break;
                case "link":
                    CheckLink(properties, $"{tpath}.properties", components, policies, links, linkConfigs, problems);
                    break;
                case null or "":
                    problems.Error($"{tpath}.type", "is required: spreadscaler, daemonscaler or link");
                    break;
                default:
                    // Upstream takes any other trait as a custom one and ignores it; so does this, but says so.
                    problems.Warning($"{tpath}.type", $"unknown trait `{type}` is ignored (wadm acts on spreadscaler, daemonscaler and link)");
                    break;
            }
        }
    }

    private static void CheckScaler(JsonNode? node, string path, Problems problems)
    {
        if (node is not JsonObject properties)
        {
            problems.Error(path, "is required: a mapping with instances");
            return;
        }
        Known(properties, path, ["instances", "replicas", "spread"], problems);
        var instances = properties["instances"] ?? properties["replicas"];
        if (instances is null) problems.Error($"{path}.instances", "is required (instances, or replicas)");
        else if (instances is not JsonValue count || !count.TryGetValue<long>(out var n) || n < 0) problems.Error($"{path}.instances", $"must be a whole number of 0 or more, not {Show(instances)}");
        if (properties["spread"] is null) return;
        if (properties["spread"] is not JsonArray spreads)
        {
            problems.Error($"{path}.spread", "must be a list of {name, requirements, weight}");
            return;
        }
        long total = 0;
        var spreadNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < spreads.Count; i++)
        {
            var spath = $"{path}.spread[{i}]";
            var spread = spreads[i] as JsonObject;
            Known(spread, spath, ["name", "requirements", "weight"], problems);
            var name = Text(spread, "name");
            if (string.IsNullOrEmpty(name)) problems.Error($"{spath}.name", "is required");
            else if (!spreadNames.Add(name)) problems.Error($"{spath}.name", $"`{name}` names another spread of this scaler too");
            if (spread?["requirements"] is JsonObject requirements)
            {
                foreach (var (key, value) in requirements)
                    if (value is not JsonValue v || !v.TryGetValue<string>(out _)) problems.Error($"{spath}.requirements.{key}", "label values are strings");
            }
            else if (spread?["requirements"] is not null) problems.Error($"{spath}.requirements", "must be a mapping of labels");
            var weight = spread?["weight"];
            if (weight is null) total += DefaultSpreadWeight;
            else if (weight is not JsonValue w || !w.TryGetValue<long>(out var value) || value < 0) problems.Error($"{spath}.weight", $"must be a whole number of 0 or more, not {Show(weight)}");
            else total += value;
        }
        if (spreads.Count > 0 && total == 0) problems.Error($"{path}.spread", "the spreads' weights add up to 0, so no instance could be placed");
    }

    private static void CheckLink(JsonNode? node, string path, Dictionary<string, string> components, Dictionary<string, (string? Type, bool HasBackend)> policies,
        Dictionary<string, string> links, Dictionary<string, string> linkConfigs, Problems problems)
    {
        if (node is not JsonObject properties)
        {
            problems.Error(path, "is required: a mapping with namespace, package, interfaces and target");
            return;
        }
        var ns = Text(properties, "namespace");
        var package = Text(properties, "package");
        if (string.IsNullOrEmpty(ns)) problems.Error($"{path}.namespace", "is required (e.g. wasi)");
        if (string.IsNullOrEmpty(package)) problems.Error($"{path}.package", "is required (e.g. http)");
        var interfaces = new List<string>();
        if (properties["interfaces"] is not JsonArray { Count: > 0 } listed || listed.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length == 0))
            problems.Error($"{path}.interfaces", "must list at least one interface (e.g. [incoming-handler])");
        else interfaces.AddRange(listed.Select(i => i!.GetValue<string>()));
        foreach (var iface in interfaces)
            if (ns is { Length: > 0 } && package is { Length: > 0 } && Unrecognized(ns, package, iface))
                problems.Warning($"{path}.interfaces", $"unrecognized interface [{ns}:{package}/{iface}]");
        string? target = null;
        switch (properties["target"])
        {
            case JsonObject t:
                target = Text(t, "name");
                CheckConfig(t["config"], $"{path}.target.config", problems);
                NoteLinkConfigs(t["config"], $"{path}.target.config", linkConfigs, problems);
                CheckSecrets(t["secrets"], $"{path}.target.secrets", policies, problems);
                break;
            case JsonValue t when t.TryGetValue<string>(out var name):
                target = name;
                break;
        }
        if (string.IsNullOrEmpty(target)) problems.Error($"{path}.target", "is required: the name of the component or provider the link points at");
        else if (!components.ContainsKey(target)) problems.Error($"{path}.target", $"no component in the manifest is named `{target}`");
        if (properties["source"] is JsonObject source)
        {
            CheckConfig(source["config"], $"{path}.source.config", problems);
            NoteLinkConfigs(source["config"], $"{path}.source.config", linkConfigs, problems);
            CheckSecrets(source["secrets"], $"{path}.source.secrets", policies, problems);
        }
        foreach (var deprecated in new[] { "source_config", "target_config" })
            if (properties[deprecated] is not null)
            {
                problems.Warning($"{path}.{deprecated}", $"one of the components' link trait contains a {deprecated} key, please use {deprecated.Replace("_config", "")}:config: rather");
                CheckConfig(properties[deprecated], $"{path}.{deprecated}", problems);
            }
        var linkName = Text(properties, "name") ?? "default";
        foreach (var iface in interfaces)
        {
            var key = $"{linkName} ({ns}:{package}/{iface})";
            if (ns is { Length: > 0 } && package is { Length: > 0 } && !links.TryAdd(key, path))
                problems.Error($"{path}.name", $"Duplicate link found inside component: {key} (also {links[key]}); give one of the links another name");
        }
    }

    /// <summary>Config a link defines (with properties) becomes one named config; two such under one name would fight.</summary>
    private static void NoteLinkConfigs(JsonNode? node, string path, Dictionary<string, string> seen, Problems problems)
    {
        if (node is not JsonArray configs) return;
        for (int i = 0; i < configs.Count; i++)
            if (configs[i] is JsonObject { } config && config["properties"] is JsonObject && Text(config, "name") is { Length: > 0 } name && !seen.TryAdd(name, $"{path}[{i}]"))
                problems.Error($"{path}[{i}].name", $"Duplicate link config name found: '{name}' (also {seen[name]})");
    }

    /// <summary>The interfaces wadm knows by name: a known namespace and package with an interface not among these is likely a typo.</summary>
    private static readonly Dictionary<string, Dictionary<string, string[]>> KnownInterfaces = new()
    {
        ["wrpc"] = new() { ["blobstore"] = ["blobstore"], ["keyvalue"] = ["atomics", "store"], ["http"] = ["incoming-handler", "outgoing-handler"] },
        ["wasi"] = new()
        {
            ["blobstore"] = ["blobstore"], ["config"] = ["runtime", "store"], ["keyvalue"] = ["atomics", "store", "batch", "watch", "watcher"],
            ["http"] = ["incoming-handler", "outgoing-handler"], ["logging"] = ["logging"],
        },
        ["wasmcloud"] = new() { ["messaging"] = ["consumer", "handler", "producer", "request-reply", "incoming-handler"] },
    };

    private static bool Unrecognized(string ns, string package, string iface) =>
        KnownInterfaces.TryGetValue(ns, out var packages) && (!packages.TryGetValue(package, out var names) || !names.Contains(iface));

    /// <summary>Keys wadm does not read: an error where upstream refuses them, a warning where it ignores them.</summary>
    private static void Known(JsonObject? node, string path, string[] keys, Problems problems, bool ignored = false)
    {
        if (node is null) return;
        foreach (var (key, _) in node)
        {
            if (keys.Contains(key)) continue;
            if (ignored) problems.Warning($"{path}.{key}", $"unknown key `{key}` is ignored");
            else problems.Error($"{path}.{key}", $"unknown key `{key}` (known here: {string.Join(", ", keys)})");
        }
    }

    /// <summary>OAM label and annotation keys: NAME or PREFIX/NAME, PREFIX a DNS subdomain, NAME 1-63 of letters, digits, '-', '_', '.'.</summary>
    private static bool OamKey(string key)
    {
        var slash = key.IndexOf('/');
        var (prefix, name) = slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
        if (prefix is not null && (prefix.Length is 0 or > 253 || prefix.Split('.').Any(part =>
                part.Length is 0 or > 63 || !char.IsAsciiLetter(part[0]) || !char.IsAsciiLetterOrDigit(part[^1]) || part.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))))
            return false;
        return name.Length is > 0 and <= 63 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }

    private static string? Text(JsonObject? node, string name) => node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Show(JsonNode? node) => node is null ? "nothing" : node.ToJsonString();

    private sealed class Problems
    {
        private readonly List<ManifestProblem> _all = [];
        public IReadOnlyList<ManifestProblem> All => _all;
        public void Error(string path, string message) => _all.Add(new ManifestProblem(path, message, true));
        public void Warning(string path, string message) => _all.Add(new ManifestProblem(path, message, false));
    }
}
