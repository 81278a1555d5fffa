using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;
using WasmCloud.Lattice.State;
using WasmCloud.Lattice.Wadm;
using WasmCloud.Wadm.Observe;
using WasmCloud.Wadm.Scaling;
using WasmCloud.Wadm.Storage;

namespace WasmCloud.Wadm.Reconcile;

/// <summary>
/// wadm for one lattice: follows its events, keeps its <see cref="LatticeView"/>, and on every event, manifest
/// change or tick reconciles each application whose lease this instance holds — one pass at a time, so scalers
/// never race each other.
/// </summary>
internal sealed class LatticeWorker : IAsyncDisposable
{
    private readonly WadmContext _wadm;
    private readonly WadmSubjects _subjects;
    private readonly CtlClient _ctl;
    private readonly LatticeView _view;
    private readonly CommandRunner _runner;
    private readonly Channel<CloudEvent?> _triggers = Channel.CreateUnbounded<CloudEvent?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private KvMirror? _links;
    private KvMirror? _config;
    private Task? _loop;
    private INatsSub<byte[]>? _events;
    private DateTimeOffset _nextRefresh;
    private Task? _pinging;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _pinged = new();
    private string _lastHostState = "";

    public LatticeWorker(WadmContext wadm, string lattice)
    {
        _wadm = wadm;
        Lattice = lattice;
        _subjects = new WadmSubjects(lattice, wadm.Options.ApiPrefix);
        _ctl = new CtlClient(wadm.Nats, new Subjects(lattice, wadm.Options.CtlTopicPrefix));
        _view = new LatticeView { DefaultExpiry = wadm.Options.HostExpiry };
        _runner = new CommandRunner(_ctl, wadm.Log);
    }

    public string Lattice { get; }

    public async Task StartAsync(CancellationToken cancel)
    {
        var kv = _wadm.KeyValue;
        _links = await KvMirror.OpenAsync(kv, Buckets.LatticeData(Lattice), (_, _) => Poke(), cancel);
        _config = await KvMirror.OpenAsync(kv, Buckets.ConfigData(Lattice), (_, _) => Poke(), cancel);
        _events = await _wadm.Nats.SubscribeCoreAsync<byte[]>($"wasmbus.evt.{Lattice}.>", cancellationToken: cancel);
        _ = Task.Run(() => FollowEventsAsync(_events));
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Asks for a pass soon (a manifest changed, a bucket changed).</summary>
    public Task Poke()
    {
        _triggers.Writer.TryWrite(null);
        return Task.CompletedTask;
    }

    private async Task FollowEventsAsync(INatsSub<byte[]> events)
    {
        await foreach (var message in events.Msgs.ReadAllAsync())
        {
            try
            {
                _triggers.Writer.TryWrite(LatticeJson.Decode<CloudEvent>(message.Data ?? []));
            }
            catch (System.Text.Json.JsonException e)
            {
                _wadm.Log.LogDebug("ignoring a malformed event on {Subject}: {Error}", message.Subject, e.Message);
            }
        }
    }

    private async Task RunAsync()
    {
        var reader = _triggers.Reader;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using (var tick = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    tick.CancelAfter(_wadm.Options.TickInterval);
                    try
                    {
                        await reader.WaitToReadAsync(tick.Token);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                    }
                }
                var now = DateTimeOffset.UtcNow;
                while (reader.TryRead(out var evt))
                {
                    if (evt is null) continue;
                    try
                    {
                        _view.Apply(evt, now);
                        _runner.Observe(evt, now);
                    }
                    catch (System.Text.Json.JsonException e)
                    {
                        _wadm.Log.LogWarning("ignoring event {Type} from {Source}: {Error}", evt.Type, evt.Source, e.Message);
                    }
                }
                await PassAsync(DateTimeOffset.UtcNow, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A pass that fails (NATS away, a bucket unreadable) is retried on the next tick; nothing is lost.
                _wadm.Log.LogWarning("reconcile pass for lattice {Lattice} failed: {Error}", Lattice, e.Message);
            }
        }
    }

    private async Task PassAsync(DateTimeOffset now, CancellationToken cancel)
    {
        await ObserveAsync(now, cancel);
        var snapshotLinks = _links!.Values.Values.SelectMany(LinksOf).ToList();
        var config = _config!.Values.ToDictionary(c => c.Key, c => Config(c.Value), StringComparer.Ordinal);
        var stored = await _wadm.Manifests.ListAsync(_subjects, cancel);
        var managed = _view.Hosts.Values.SelectMany(h => h.Components.Values.Select(c => c.Annotations).Concat(h.Providers.Values.Select(p => p.Annotations)))
            .Select(AppIds.ManagingApp).OfType<string>();
        var candidates = stored.Where(s => s.Value.Deployed is not null).Select(s => s.Key)
            .Concat(managed).Concat(_wadm.Leases.List(Lattice)).ToHashSet(StringComparer.Ordinal);
        foreach (var app in candidates.Order(StringComparer.Ordinal))
        {
            if (!await _wadm.Leases.HoldAsync(Lattice, app, now, cancel)) continue;
            var deployed = stored.GetValueOrDefault(app)?.Deployed;
            await ReconcileAsync(app, deployed, snapshotLinks, config, now, cancel);
        }
        await PublishHostStateAsync(now, cancel);
    }

    private async Task PingAsync(CancellationToken cancel)
    {
        try
        {
            foreach (var host in await _ctl.PingHostsAsync(cancel)) _pinged.Enqueue(host.Id);
            await Poke();
        }
        catch (Exception e) when (e is LatticeException or NatsException or OperationCanceledException)
        {
            _wadm.Log.LogDebug("pinging the hosts of lattice {Lattice} failed: {Error}", Lattice, e.Message);
        }
    }

    private async Task ObserveAsync(DateTimeOffset now, CancellationToken cancel)
    {
        if (now >= _nextRefresh && (_pinging?.IsCompleted ?? true))
        {
            _nextRefresh = now + _wadm.Options.RefreshInterval;
            var first = _pinging is null;
            _pinging = PingAsync(cancel);
            // The first pass waits for the answers, so it starts from the whole lattice; later pings (which take at
            // least the gathering time) run beside the passes and bring their hosts to the next one.
            if (first) await _pinging;
        }
        while (_pinged.TryDequeue(out var pinged)) _view.Unknown.Add(pinged);
        foreach (var hostId in _view.Unknown.ToList())
        {
            try
            {
                var inventory = await _ctl.GetHostInventoryAsync(hostId, cancel);
                if (inventory is { Success: true, Response: { } found }) _view.Replace(found, now);
            }
            catch (LatticeException)
            {
            }
            _view.Unknown.Remove(hostId);
        }
        foreach (var reaped in _view.Reap(now)) _wadm.Log.LogInformation("host {Host} in lattice {Lattice} missed its heartbeats and was reaped", reaped, Lattice);
        _runner.Expire(now, _view.Hosts.Keys.ToList());
    }

    private async Task ReconcileAsync(string app, Manifest? deployed, List<Link> links, Dictionary<string, Dictionary<string, string>> config, DateTimeOffset now, CancellationToken cancel)
    {
        var scalers = deployed is null ? [] : AppPlan.Scalers(deployed);
        var statuses = new List<ScalerStatus>();
        var snapshot = _runner.Snapshot(_view, links, config, now);
        // Config first: the scalers after it may wait for it.
        foreach (var phase in new[] { scalers.Where(s => s is ConfigScaler).ToList(), scalers.Where(s => s is not ConfigScaler).ToList() })
        {
            foreach (var scaler in phase) statuses.Add(scaler.Report(await StepAsync(scaler, snapshot, now, cancel)));
            snapshot = _runner.Snapshot(_view, links, config, now);
        }
        var cleanup = new List<WadmCommand>();
        var applied = _wadm.Leases.Applied(Lattice, app);
        if (applied is not null && applied.Version != deployed?.Version)
        {
            var current = scalers.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            cleanup.AddRange(AppPlan.Scalers(applied).Where(s => s is LinkScaler or ConfigScaler && !current.Contains(s.Id)).SelectMany(s => s.Cleanup(snapshot)));
        }
        var owned = scalers.Select(s => s.Runs).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var host in snapshot.Hosts.Values)
        {
            foreach (var (id, component) in host.Components)
                if (AppIds.ManagingApp(component.Annotations) == app && !owned.Contains(id))
                    cleanup.Add(new ScaleComponent("cleanup", host.Id, id, component.ImageRef, 0, new(component.Annotations), []));
            foreach (var (id, provider) in host.Providers)
                if (AppIds.ManagingApp(provider.Annotations) == app && !owned.Contains(id)) cleanup.Add(new StopProvider("cleanup", host.Id, id));
        }
        cleanup.RemoveAll(_runner.IsPending);
        foreach (var command in cleanup) await _runner.RunAsync(command, now, cancel);
        if (cleanup.Count == 0 && !snapshot.Pending.Contains("cleanup") && applied?.Version != deployed?.Version)
            await _wadm.Leases.SetAppliedAsync(Lattice, app, deployed, cancel);
        var status = deployed is null ? new AppStatus() : AppStatus.Of(statuses);
        await PublishStatusAsync(app, status, cancel);
        if (deployed is null && cleanup.Count == 0 && applied is null && !snapshot.Pending.Contains("cleanup"))
            await _wadm.Leases.ReleaseAsync(Lattice, app, cancel);
    }

    /// <summary>One scaler's turn: its commands (less those already on their way), sent unless it is backing off, and its status.</summary>
    private async Task<StatusInfo> StepAsync(Scaler scaler, LatticeSnapshot snapshot, DateTimeOffset now, CancellationToken cancel)
    {
        if (snapshot.NoHosts) return StatusInfo.Of(StatusType.Waiting, "Waiting for a host: the lattice has none");
        var missing = snapshot.Config is null ? [] : scaler.RequiredConfig.Where(c => !snapshot.Config.ContainsKey(c)).Distinct().ToList();
        if (missing.Count > 0) return StatusInfo.Of(StatusType.Waiting, $"Waiting for config {string.Join(", ", missing)}");
        var (commands, status) = scaler.Reconcile(snapshot);
        commands.RemoveAll(_runner.IsPending);
        if (snapshot.BackingOff.Contains(scaler.Id)) return StatusInfo.Of(StatusType.Failed, snapshot.Failures[scaler.Id]);
        foreach (var command in commands) await _runner.RunAsync(command, now, cancel);
        if (commands.Count == 0 && !snapshot.Pending.Contains(scaler.Id) && status.Type == StatusType.Deployed) _runner.Satisfied(scaler.Id);
        else if (snapshot.Failures.TryGetValue(scaler.Id, out var failure)) return StatusInfo.Of(StatusType.Failed, failure);
        if (status.Type == StatusType.Deployed && snapshot.Pending.Contains(scaler.Id)) return StatusInfo.Of(StatusType.Reconciling, "Waiting for the lattice to confirm the last changes");
        return status;
    }

    private async Task PublishStatusAsync(string app, AppStatus status, CancellationToken cancel)
    {
        var json = System.Text.Encoding.UTF8.GetString(LatticeJson.Encode(status));
        if (_published.TryGetValue(app, out var last) && last == json) return;
        await _wadm.Statuses.PublishAsync(_subjects, app, status, cancel);
        _published[app] = json;
        _wadm.Log.LogInformation("application {App} in lattice {Lattice} is {Status}{Message}", app, Lattice, status.Info.Type,
            status.Info.Message is { } message ? $": {message}" : "");
    }

    /// <summary>The hosts as upstream's wadm keeps them under <c>host_{lattice}</c> in <c>wadm_state</c>, which lattice clients read.</summary>
    private async Task PublishHostStateAsync(DateTimeOffset now, CancellationToken cancel)
    {
        var hosts = new JsonObject();
        foreach (var host in _view.Hosts.Values.OrderBy(h => h.Id, StringComparer.Ordinal))
        {
            var labels = new JsonObject();
            foreach (var (key, value) in host.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) labels[key] = value;
            var components = new JsonObject();
            foreach (var (id, component) in host.Components.OrderBy(c => c.Key, StringComparer.Ordinal)) components[id] = component.Count;
            hosts[host.Id] = new JsonObject
            {
                ["id"] = host.Id, ["friendly_name"] = host.FriendlyName, ["labels"] = labels, ["components"] = components,
                ["providers"] = new JsonArray(host.Providers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (JsonNode)new JsonObject
                {
                    ["provider_id"] = p.Key, ["provider_ref"] = p.Value.ImageRef,
                }).ToArray()),
                ["uptime_seconds"] = host.UptimeSeconds, ["version"] = host.Version,
            };
        }
        var state = hosts.ToJsonString();
        if (state == _lastHostState) return;
        try
        {
            await _wadm.State.PutAsync($"host_{Lattice}", System.Text.Encoding.UTF8.GetBytes(state), cancellationToken: cancel);
            _lastHostState = state;
        }
        catch (NatsKVException e)
        {
            _wadm.Log.LogDebug("could not write host state: {Error}", e.Message);
        }
    }

    private static IEnumerable<Link> LinksOf(byte[] value)
    {
        try
        {
            return LatticeJson.Decode<ComponentSpecification>(value).Links;
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static Dictionary<string, string> Config(byte[] value)
    {
        try
        {
            return LatticeJson.Decode<Dictionary<string, string>>(value);
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _triggers.Writer.TryComplete();
        if (_events is not null) await _events.DisposeAsync();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_links is not null) await _links.DisposeAsync();
        if (_config is not null) await _config.DisposeAsync();
    }
}
