using Microsoft.Extensions.Logging;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;
using WasmCloud.Wadm.Observe;
using WasmCloud.Wadm.Scaling;

namespace WasmCloud.Wadm.Reconcile;

/// <summary>
/// Sends scalers' commands to the lattice and remembers each until the event it should cause arrives (or a
/// timeout passes), so a scaler never repeats a command that is still on its way. A refused or failed command
/// marks its scaler failed with the host's message and holds it back for a growing interval before it retries.
/// </summary>
internal sealed class CommandRunner(CtlClient ctl, ILogger log)
{
    private readonly Dictionary<string, (WadmCommand Command, DateTimeOffset Expires)> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Message, DateTimeOffset RetryAt, int Attempts)> _failures = new(StringComparer.Ordinal);

    /// <summary>How long a command may wait for its event; long enough for a host to fetch and compile a large component.</summary>
    public TimeSpan EventTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public bool IsPending(WadmCommand command) => _pending.ContainsKey(command.Key);

    public async Task RunAsync(WadmCommand command, DateTimeOffset now, CancellationToken cancel)
    {
        _pending[command.Key] = (command, now + EventTimeout);
        string? refusal;
        try
        {
            var reply = await SendAsync(command, cancel);
            refusal = reply.Success ? null : reply.Message;
        }
        catch (LatticeException e)
        {
            refusal = e.Message;
        }
        if (refusal is null) return;
        _pending.Remove(command.Key);
        Fail(command.ScalerId, refusal, now);
    }

    private Task<CtlResponse<object>> SendAsync(WadmCommand command, CancellationToken cancel) => command switch
    {
        ScaleComponent scale => ctl.ScaleComponentAsync(new ScaleComponentCommand
        {
            ComponentId = scale.ComponentId, ComponentRef = scale.Reference, HostId = scale.HostId, Count = scale.Count,
            Annotations = scale.Annotations, Config = scale.Config, AllowUpdate = true,
        }, cancel),
        StartProvider start => ctl.StartProviderAsync(new StartProviderCommand
        {
            ProviderId = start.ProviderId, ProviderRef = start.Reference, HostId = start.HostId, Config = start.Config, Annotations = start.Annotations,
        }, cancel),
        StopProvider stop => ctl.StopProviderAsync(new StopProviderCommand { HostId = stop.HostId, ProviderId = stop.ProviderId }, cancel),
        PutLink put => ctl.PutLinkAsync(put.Link, cancel),
        DeleteLink delete => ctl.DeleteLinkAsync(delete.Request, cancel),
        PutConfig config => ctl.PutConfigAsync(config.Name, config.Values, cancel),
        DeleteConfig config => ctl.DeleteConfigAsync(config.Name, cancel),
        _ => throw new InvalidOperationException($"unknown command {command.GetType().Name}"),
    };

    private void Fail(string scalerId, string message, DateTimeOffset now)
    {
        var attempts = _failures.TryGetValue(scalerId, out var before) ? before.Attempts + 1 : 1;
        var wait = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(attempts - 1, 20)));
        _failures[scalerId] = (message, now + wait, attempts);
        log.LogWarning("scaler {Scaler} failed (attempt {Attempts}, next try in {Wait}s): {Message}", scalerId[..Math.Min(12, scalerId.Length)], attempts, wait.TotalSeconds, message);
    }

    /// <summary>Settles the command an event answers: done, or failed with the event's error.</summary>
    public void Observe(CloudEvent evt, DateTimeOffset now)
    {
        var data = System.Text.Encoding.UTF8.GetBytes(evt.Data.GetRawText());
        switch (evt.Name)
        {
            case EventNames.ComponentScaled:
                _pending.Remove(ScaleComponent.ComponentKey(evt.Source, LatticeJson.Decode<ComponentScaled>(data).ComponentId));
                break;
            case EventNames.ComponentScaleFailed:
                var scaleFailed = LatticeJson.Decode<ComponentScaleFailed>(data);
                Settle(ScaleComponent.ComponentKey(evt.Source, scaleFailed.ComponentId), scaleFailed.Error, now);
                break;
            case EventNames.ProviderStarted:
                _pending.Remove(StartProvider.ProviderKey(evt.Source, LatticeJson.Decode<ProviderStarted>(data).ProviderId));
                break;
            case EventNames.ProviderStopped:
                _pending.Remove(StartProvider.ProviderKey(evt.Source, LatticeJson.Decode<ProviderStopped>(data).ProviderId));
                break;
            case EventNames.ProviderStartFailed:
                var startFailed = LatticeJson.Decode<ProviderStartFailed>(data);
                Settle(StartProvider.ProviderKey(evt.Source, startFailed.ProviderId), startFailed.Error, now);
                break;
            case EventNames.LinkdefSet:
                var link = LatticeJson.Decode<Link>(data);
                _pending.Remove(PutLink.LinkKey(link.SourceId, link.WitNamespace, link.WitPackage, link.Name));
                break;
            case EventNames.LinkdefSetFailed:
                var linkFailed = LatticeJson.Decode<LinkSetFailed>(data);
                Settle(PutLink.LinkKey(linkFailed.SourceId, linkFailed.WitNamespace, linkFailed.WitPackage, linkFailed.Name), linkFailed.Error, now);
                break;
            case EventNames.LinkdefDeleted:
                var deleted = LatticeJson.Decode<LinkDeleted>(data);
                _pending.Remove(PutLink.LinkKey(deleted.SourceId, deleted.WitNamespace, deleted.WitPackage, deleted.Name));
                break;
            case EventNames.ConfigSet or EventNames.ConfigDeleted:
                _pending.Remove(PutConfig.ConfigKey(LatticeJson.Decode<ConfigChanged>(data).ConfigName));
                break;
        }
    }

    private void Settle(string key, string error, DateTimeOffset now)
    {
        if (!_pending.Remove(key, out var pending)) return;
        Fail(pending.Command.ScalerId, error, now);
    }

    /// <summary>Forgets commands whose events never came (the scaler then looks again) and hosts that are gone.</summary>
    public void Expire(DateTimeOffset now, IReadOnlyCollection<string> hosts)
    {
        foreach (var (key, (command, expires)) in _pending.ToList())
        {
            var host = command switch { ScaleComponent s => s.HostId, StartProvider s => s.HostId, StopProvider s => s.HostId, _ => null };
            if (expires < now || (host is not null && !hosts.Contains(host))) _pending.Remove(key);
        }
    }

    /// <summary>The scaler reached its goal: its failure is history.</summary>
    public void Satisfied(string scalerId) => _failures.Remove(scalerId);

    /// <summary>The lattice as scalers see it: the view with every outstanding command counted as done.</summary>
    public LatticeSnapshot Snapshot(LatticeView view, List<Link> links, Dictionary<string, Dictionary<string, string>>? config, DateTimeOffset now)
    {
        var hosts = view.Hosts.ToDictionary(h => h.Key, h => h.Value.Clone(), StringComparer.Ordinal);
        var effectiveLinks = new List<Link>(links);
        var effectiveConfig = config is null ? null : new Dictionary<string, Dictionary<string, string>>(config, StringComparer.Ordinal);
        foreach (var (command, _) in _pending.Values)
        {
            switch (command)
            {
                case ScaleComponent scale when hosts.TryGetValue(scale.HostId, out var host):
                    if (scale.Count == 0) host.Components.Remove(scale.ComponentId);
                    else host.Components[scale.ComponentId] = new ObservedComponent(scale.Reference, scale.Count, scale.Annotations);
                    break;
                case StartProvider start when hosts.TryGetValue(start.HostId, out var host):
                    host.Providers[start.ProviderId] = new ObservedProvider(start.Reference, start.Annotations);
                    break;
                case StopProvider stop when hosts.TryGetValue(stop.HostId, out var host):
                    host.Providers.Remove(stop.ProviderId);
                    break;
                case PutLink put:
                    effectiveLinks.RemoveAll(l => l.SameKey(put.Link));
                    effectiveLinks.Add(put.Link);
                    break;
                case DeleteLink delete:
                    effectiveLinks.RemoveAll(l => l.Matches(delete.Request));
                    break;
                case PutConfig put when effectiveConfig is not null:
                    effectiveConfig[put.Name] = put.Values;
                    break;
                case DeleteConfig delete when effectiveConfig is not null:
                    effectiveConfig.Remove(delete.Name);
                    break;
            }
        }
        return new LatticeSnapshot
        {
            Hosts = hosts, Links = effectiveLinks, Config = effectiveConfig,
            Failures = _failures.ToDictionary(f => f.Key, f => f.Value.Message, StringComparer.Ordinal),
            BackingOff = _failures.Where(f => f.Value.RetryAt > now).Select(f => f.Key).ToHashSet(StringComparer.Ordinal),
            Pending = _pending.Values.Select(p => p.Command.ScalerId).ToHashSet(StringComparer.Ordinal),
        };
    }
}
