using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Scaling;

/// <summary>
/// Runs a provider on as many hosts as its instance count (a host runs a provider ID at most once), divided among
/// spreads by weight; a daemonscaler runs it on every eligible host. Hosts already running it keep it.
/// </summary>
internal sealed class ProviderScaler(string app, ManifestComponent component, string providerId, ScalerProperties properties, bool daemon, List<string> config)
    : WorkloadScaler(app, component, providerId, properties, daemon, config)
{
    protected override (List<WadmCommand> Commands, StatusInfo Status) Plan(LatticeSnapshot lattice, ScalerProperties properties)
    {
        var running = lattice.Hosts.Values.Where(h => h.Providers.ContainsKey(Name)).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var keep = new Dictionary<string, string>(StringComparer.Ordinal);
        var unsatisfied = new List<string>();
        var spreads = Daemon
            ? properties.Spread.DefaultIfEmpty(SpreadMath.Default).Select(s => (Spread: s, Count: properties.Instances == 0 ? 0u : uint.MaxValue)).ToList()
            : SpreadMath.Compute(properties);
        foreach (var (spread, count) in spreads)
        {
            // Hosts already running it first, then the least busy, so placement is stable and spread out.
            var eligible = lattice.Hosts.Values.Where(h => spread.Admits(h.Labels) && !keep.ContainsKey(h.Id))
                .OrderByDescending(h => running.Contains(h.Id)).ThenBy(h => h.Providers.Count).ThenBy(h => h.Id, StringComparer.Ordinal).ToList();
            var chosen = eligible.Take((int)Math.Min(count, (uint)eligible.Count)).ToList();
            foreach (var host in chosen) keep[host.Id] = spread.Name;
            if (count > 0 && count != uint.MaxValue && chosen.Count < count)
                unsatisfied.Add($"Could not satisfy spread {spread.Name} for {Reference}, {chosen.Count}/{count} eligible hosts found.");
            else if (count == uint.MaxValue && chosen.Count == 0)
                unsatisfied.Add($"Could not satisfy daemonscaler {spread.Name} for {Reference}, 0 eligible hosts found.");
        }
        var commands = new List<WadmCommand>();
        foreach (var (host, spread) in keep.OrderBy(k => k.Key, StringComparer.Ordinal))
            if (!running.Contains(host)) commands.Add(new StartProvider(Id, host, Name, Reference, AppIds.Annotations(App, Id, spread), Config));
        foreach (var host in running.Where(h => !keep.ContainsKey(h)).Order(StringComparer.Ordinal))
            commands.Add(new StopProvider(Id, host, Name));
        var unhealthy = lattice.Hosts.Values.Where(h => h.Providers.TryGetValue(Name, out var p) && !p.Healthy).Select(h => h.FriendlyName).ToList();
        StatusInfo status = unsatisfied.Count > 0 ? StatusInfo.Of(StatusType.Failed, string.Join(" ", unsatisfied))
            : commands.Count > 0 ? StatusInfo.Of(StatusType.Reconciling, $"Scaling provider on {commands.Count} host(s)")
            : unhealthy.Count > 0 ? StatusInfo.Of(StatusType.Unhealthy, $"Provider {Name} failed its health check on {string.Join(", ", unhealthy)}")
            : StatusInfo.Of(StatusType.Deployed);
        return (commands, status);
    }
}
