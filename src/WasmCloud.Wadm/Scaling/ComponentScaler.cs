using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Scaling;

/// <summary>
/// Runs a component at its instance count: a spreadscaler divides the count among its spreads by weight and each
/// spread's share among its eligible hosts; a daemonscaler runs the count on every eligible host. A host that no
/// spread admits runs none.
/// </summary>
internal sealed class ComponentScaler(string app, ManifestComponent component, string componentId, ScalerProperties properties, bool daemon, List<string> config)
    : WorkloadScaler(app, component, componentId, properties, daemon, config)
{
    protected override (List<WadmCommand> Commands, StatusInfo Status) Plan(LatticeSnapshot lattice, ScalerProperties properties)
    {
        var running = lattice.Hosts.Values.Where(h => h.Components.ContainsKey(Name)).ToDictionary(h => h.Id, h => h.Components[Name]);
        var desired = new Dictionary<string, (uint Count, string Spread)>(StringComparer.Ordinal);
        var unsatisfied = new List<string>();
        foreach (var (spread, count) in Daemon ? properties.Spread.DefaultIfEmpty(SpreadMath.Default).Select(s => (s, properties.Instances)) : SpreadMath.Compute(properties))
        {
            var eligible = lattice.Hosts.Values.Where(h => spread.Admits(h.Labels)).ToList();
            if (eligible.Count == 0)
            {
                if (count > 0) unsatisfied.Add(Daemon
                    ? $"Could not satisfy daemonscaler {spread.Name} for {Reference}, 0 eligible hosts found."
                    : $"Could not satisfy spread {spread.Name} for {Reference}, 0/1 eligible hosts found.");
                continue;
            }
            var shares = Daemon
                ? eligible.ToDictionary(h => h.Id, _ => count)
                : SpreadMath.Divide(count, eligible.Select(h => (h.Id, running.TryGetValue(h.Id, out var r) ? r.Count : 0u)));
            foreach (var (host, share) in shares)
            {
                var (before, spreadName) = desired.GetValueOrDefault(host, (0u, spread.Name));
                desired[host] = (before + share, before >= share ? spreadName : spread.Name);
            }
        }
        var commands = new List<WadmCommand>();
        foreach (var host in desired.Keys.Union(running.Keys).Order(StringComparer.Ordinal))
        {
            var (count, spreadName) = desired.GetValueOrDefault(host, (0u, "default"));
            running.TryGetValue(host, out var now);
            var annotations = AppIds.Annotations(App, Id, spreadName);
            if (count == 0 && now is null) continue;
            if (now is not null && now.Count == count && now.ImageRef == Reference && Same(now.Annotations, annotations)) continue;
            commands.Add(new ScaleComponent(Id, host, Name, Reference, count, annotations, Config));
        }
        StatusInfo status = unsatisfied.Count > 0 ? StatusInfo.Of(StatusType.Failed, string.Join(" ", unsatisfied))
            : commands.Count > 0 ? StatusInfo.Of(StatusType.Reconciling, $"Scaling component on {commands.Count} host(s)")
            : StatusInfo.Of(StatusType.Deployed);
        return (commands, status);
    }

    private static bool Same(IReadOnlyDictionary<string, string> running, Dictionary<string, string> wanted) =>
        wanted.All(w => running.TryGetValue(w.Key, out var v) && v == w.Value);
}
