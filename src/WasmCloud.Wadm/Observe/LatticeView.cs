using System.Text.Json;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Wadm.Observe;

/// <summary>
/// The lattice as wadm observes it: every host with what runs on it, built from full inventories (at start and
/// periodically) and kept current by the lattice's events. A host that stops sending heartbeats is reaped.
/// </summary>
internal sealed class LatticeView
{
    private readonly Dictionary<string, ObservedHost> _hosts = new(StringComparer.Ordinal);

    /// <summary>How long a host whose heartbeat interval is not known yet may stay silent (upstream: 70 s).</summary>
    public TimeSpan DefaultExpiry { get; init; } = TimeSpan.FromSeconds(70);

    public IReadOnlyDictionary<string, ObservedHost> Hosts => _hosts;

    /// <summary>Hosts an event mentioned that this view has no inventory for; the caller fetches them.</summary>
    public HashSet<string> Unknown { get; } = new(StringComparer.Ordinal);

    public void Replace(HostInventory inventory, DateTimeOffset now)
    {
        var host = _hosts.TryGetValue(inventory.HostId, out var known) ? known : _hosts[inventory.HostId] = new ObservedHost(inventory.HostId);
        host.FriendlyName = inventory.FriendlyName;
        host.Labels = inventory.Labels;
        host.Version = inventory.Version;
        host.UptimeSeconds = inventory.UptimeSeconds;
        host.Components = inventory.Components.ToDictionary(c => c.Id, c => new ObservedComponent(c.ImageRef, c.MaxInstances, c.Annotations ?? []), StringComparer.Ordinal);
        host.Providers = inventory.Providers.ToDictionary(p => p.Id,
            p => new ObservedProvider(p.ImageRef ?? "", p.Annotations ?? [], known?.Providers.GetValueOrDefault(p.Id)?.Healthy ?? true), StringComparer.Ordinal);
        host.LastSeen = now;
        Unknown.Remove(inventory.HostId);
    }

    /// <summary>Applies one event; true when it changed what wadm believes.</summary>
    public bool Apply(CloudEvent evt, DateTimeOffset now)
    {
        var hostId = evt.Source;
        _hosts.TryGetValue(hostId, out var host);
        if (host is not null) host.LastSeen = now;
        switch (evt.Name)
        {
            case EventNames.HostHeartbeat:
                var inventory = Decode<HostInventory>(evt.Data);
                inventory.HostId = hostId;
                // Gaps are measured between the times the host stamped on its heartbeats, so a busy wadm that reads two
                // heartbeats late and together does not mistake the host's interval for a shorter one.
                var sent = DateTimeOffset.TryParse(evt.Time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var stamped) ? stamped : now;
                if (host?.LastHeartbeat is { } previous && sent - previous is var gap && gap > TimeSpan.FromMilliseconds(200))
                {
                    host.HeartbeatGaps.Add(gap);
                    if (host.HeartbeatGaps.Count > 3) host.HeartbeatGaps.RemoveAt(0);
                }
                Replace(inventory, now);
                _hosts[hostId].LastHeartbeat = sent;
                return true;
            case EventNames.HostStarted:
                var started = Decode<HostStarted>(evt.Data);
                _hosts[hostId] = new ObservedHost(hostId) { FriendlyName = started.FriendlyName, Labels = started.Labels, Version = started.Version, LastSeen = now };
                Unknown.Remove(hostId);
                return true;
            case EventNames.HostStopped:
                return _hosts.Remove(hostId);
            case EventNames.LabelsChanged when host is not null:
                host.Labels = Decode<LabelsChanged>(evt.Data).Labels;
                return true;
            case EventNames.ComponentScaled when host is not null:
                var scaled = Decode<ComponentScaled>(evt.Data);
                if (scaled.MaxInstances == 0) host.Components.Remove(scaled.ComponentId);
                else host.Components[scaled.ComponentId] = new ObservedComponent(scaled.ImageRef, scaled.MaxInstances, scaled.Annotations);
                return true;
            case EventNames.ProviderStarted when host is not null:
                var providerStarted = Decode<ProviderStarted>(evt.Data);
                host.Providers[providerStarted.ProviderId] = new ObservedProvider(providerStarted.ImageRef, providerStarted.Annotations);
                return true;
            case EventNames.ProviderStopped when host is not null:
                return host.Providers.Remove(Decode<ProviderStopped>(evt.Data).ProviderId);
            case EventNames.HealthCheckPassed or EventNames.HealthCheckFailed when host is not null:
                var health = Decode<ProviderHealth>(evt.Data);
                if (!host.Providers.TryGetValue(health.ProviderId, out var provider)) return false;
                var healthy = evt.Name == EventNames.HealthCheckPassed;
                if (provider.Healthy == healthy) return false;
                host.Providers[health.ProviderId] = provider with { Healthy = healthy };
                return true;
            case EventNames.ComponentScaled or EventNames.ProviderStarted or EventNames.ProviderStopped or EventNames.LabelsChanged:
                Unknown.Add(hostId);
                return false;
            default:
                return false;
        }
    }

    /// <summary>Removes hosts silent for longer than 1.5 heartbeat intervals (or <see cref="DefaultExpiry"/>); returns their IDs.</summary>
    public List<string> Reap(DateTimeOffset now)
    {
        var reaped = _hosts.Values.Where(h => now - h.LastSeen > (h.HeartbeatInterval is { } interval ? interval * 1.5 : DefaultExpiry)).Select(h => h.Id).ToList();
        foreach (var id in reaped) _hosts.Remove(id);
        return reaped;
    }

    private static T Decode<T>(JsonElement data) => LatticeJson.Decode<T>(System.Text.Encoding.UTF8.GetBytes(data.GetRawText()));
}
