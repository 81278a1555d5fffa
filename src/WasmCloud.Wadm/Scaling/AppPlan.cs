using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Scaling;

/// <summary>
/// A manifest turned into its scalers (upstream's <c>scaler/convert.rs</c>): one per component or provider
/// scaler trait (a provider without one runs once), one per link, one per config the manifest defines inline.
/// Secrets are accepted in manifests but not yet turned into scalers.
/// </summary>
internal static class AppPlan
{
    public static List<Scaler> Scalers(Manifest manifest)
    {
        var app = manifest.Name;
        var configs = new Dictionary<string, ConfigScaler>(StringComparer.Ordinal);
        var scalers = new List<Scaler>();
        List<string> Config(List<ConfigProperty> properties)
        {
            var names = new List<string>();
            foreach (var config in properties)
            {
                var name = AppIds.ConfigName(app, config);
                if (config.Properties is { } values && !configs.ContainsKey(name)) configs[name] = new ConfigScaler(name, values);
                names.Add(name);
            }
            return names;
        }
        foreach (var component in manifest.Components)
        {
            var id = AppIds.ComponentId(app, component);
            var ownConfig = Config(component.Config);
            var traits = component.Traits ?? [];
            if (component.Image is not null)
            {
                foreach (var trait in traits.Where(t => t.IsSpread || t.IsDaemon))
                    scalers.Add(component.IsProvider
                        ? new ProviderScaler(app, component, id, trait.Scaler!, trait.IsDaemon, ownConfig)
                        : new ComponentScaler(app, component, id, trait.Scaler!, trait.IsDaemon, ownConfig));
                if (component.IsProvider && !traits.Any(t => t.IsSpread || t.IsDaemon))
                    scalers.Add(new ProviderScaler(app, component, id, new ScalerProperties(1, []), daemon: false, ownConfig));
            }
            foreach (var link in traits.Where(t => t.Type == ManifestTrait.LinkType && t.Link is not null).Select(t => t.Link!))
            {
                var target = manifest.Components.FirstOrDefault(c => c.Name == link.Target.Name);
                // A provider links only to components; upstream drops a provider-to-provider link the same way.
                if (target is null || (component.IsProvider && target.IsProvider)) continue;
                scalers.Add(new LinkScaler(app, new Link
                {
                    SourceId = id, Target = AppIds.ComponentId(app, target), Name = link.Name ?? AppIds.DefaultLinkName,
                    WitNamespace = link.Namespace, WitPackage = link.Package, Interfaces = link.Interfaces,
                    SourceConfig = Config(link.Source?.Config ?? []), TargetConfig = Config(link.Target.Config),
                }));
            }
        }
        return [.. configs.Values, .. scalers];
    }
}
