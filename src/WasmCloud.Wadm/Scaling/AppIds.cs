using System.Security.Cryptography;
using System.Text;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Scaling;

/// <summary>The names wadm derives: component and provider IDs, names of the config it owns, scaler IDs, annotations.</summary>
internal static class AppIds
{
    public const string ManagedBy = "wasmcloud.dev/managed-by";
    public const string ManagedByWadm = "wadm";
    public const string AppSpec = "wasmcloud.dev/appspec";
    public const string ScalerKey = "wasmcloud.dev/scaler";
    public const string SpreadKey = "wasmcloud.dev/spread_name";
    public const string DefaultLinkName = "default";

    /// <summary>A component's ID: its <c>id</c>, or the application's and its own name sanitised; a shared one's comes from its application.</summary>
    public static string ComponentId(string app, ManifestComponent component) =>
        component.Id ?? (component.Application is { } shared
            ? ManifestValidator.ComponentId(shared.Name, shared.Component)
            : ManifestValidator.ComponentId(app, component.Name));

    /// <summary>Config with properties belongs to the application and is named after it; a bare name refers to config that must exist.</summary>
    public static string ConfigName(string app, ConfigProperty config) =>
        config.Properties is null ? config.Name : ManifestValidator.ComponentId(app, config.Name);

    /// <summary>A scaler's ID: the SHA-256 of what makes it what it is, so a new version keeps the IDs of unchanged scalers.</summary>
    public static string ScalerId(IEnumerable<string> parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));

    public static Dictionary<string, string> Annotations(string app, string scalerId, string? spread)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [ManagedBy] = ManagedByWadm, [AppSpec] = app, [ScalerKey] = scalerId };
        if (spread is not null) annotations[SpreadKey] = spread;
        return annotations;
    }

    /// <summary>The application that manages something, from its annotations, or null when wadm does not.</summary>
    public static string? ManagingApp(IReadOnlyDictionary<string, string> annotations) =>
        annotations.TryGetValue(ManagedBy, out var by) && by == ManagedByWadm && annotations.TryGetValue(AppSpec, out var app) ? app : null;
}
