using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NATS.Client.KeyValueStore;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.State;

namespace WasmCloud.Host.State;

/// <summary>
/// The lattice's shared state as this host sees it: links (LATTICEDATA, stored under their source) and named
/// config (CONFIGDATA), each a live mirror of its bucket, so a link or config put through any host reaches
/// every host, and a host started later reads them all before it announces itself.
/// </summary>
internal sealed class LatticeState : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ComponentSpecification> _specs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> _config = new(StringComparer.Ordinal);
    private readonly ILogger _log;
    private KvMirror _latticeData = null!;
    private KvMirror _configData = null!;

    private LatticeState(ILogger log) => _log = log;

    /// <summary>Told, after the first sync, of each source whose links changed (by any host).</summary>
    public Func<string, Task>? LinksChanged { get; set; }

    /// <summary>Told, after the first sync, of each config name that was put or deleted.</summary>
    public Func<string, Task>? ConfigChanged { get; set; }

    public static async Task<LatticeState> OpenAsync(INatsKVContext kv, string lattice, ILogger log, CancellationToken cancel)
    {
        var state = new LatticeState(log);
        state._latticeData = await KvMirror.OpenAsync(kv, Buckets.LatticeData(lattice), state.OnLatticeDataAsync, cancel);
        state._configData = await KvMirror.OpenAsync(kv, Buckets.ConfigData(lattice), state.OnConfigDataAsync, cancel);
        state._latticeData.Failed = state._configData.Failed = (key, e) => log.LogWarning("lattice state entry {Key} could not be applied: {Error}", key, e.Message);
        await Task.WhenAll(state._latticeData.Synced, state._configData.Synced).WaitAsync(cancel);
        return state;
    }

    public INatsKVStore LatticeData => _latticeData.Store;
    public INatsKVStore ConfigData => _configData.Store;

    /// <summary>Waits until both mirrors hold every change made so far anywhere in the lattice (reads after writes).</summary>
    public Task CatchUpAsync() => Task.WhenAll(_latticeData.CatchUpAsync(TimeSpan.FromSeconds(2)), _configData.CatchUpAsync(TimeSpan.FromSeconds(2)));

    /// <summary>Every link of the lattice, from all sources.</summary>
    public List<Link> AllLinks() => _specs.Values.SelectMany(spec => spec.Links).ToList();

    public IReadOnlyList<Link> LinksFrom(string sourceId) => _specs.TryGetValue(sourceId, out var spec) ? spec.Links : [];

    public bool ConfigExists(string name) => _config.ContainsKey(name);

    public Dictionary<string, string>? Config(string name) => _config.TryGetValue(name, out var values) ? values : null;

    /// <summary>The merge of the named configs, later names winning, as a component or link sees it; missing names add nothing.</summary>
    public Dictionary<string, string> MergedConfig(IEnumerable<string> names)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
            if (_config.TryGetValue(name, out var values))
                foreach (var (key, value) in values) merged[key] = value;
        return merged;
    }

    /// <summary>Applies a spec this host just wrote, without waiting for the watch to bring it back.</summary>
    public void Remember(string sourceId, ComponentSpecification spec) => _specs[sourceId] = spec;

    public void RememberConfig(string name, Dictionary<string, string>? values)
    {
        if (values is null) _config.TryRemove(name, out _);
        else _config[name] = values;
    }

    private async Task OnLatticeDataAsync(string key, byte[]? value)
    {
        if (!key.StartsWith(Buckets.ComponentKeyPrefix, StringComparison.Ordinal)) return;
        var sourceId = key[Buckets.ComponentKeyPrefix.Length..];
        if (value is null) _specs.TryRemove(sourceId, out _);
        else
        {
            try
            {
                _specs[sourceId] = LatticeJson.Decode<ComponentSpecification>(value);
            }
            catch (JsonException e)
            {
                _log.LogWarning("ignoring {Key} in lattice data: not a component specification ({Error})", key, e.Message);
                return;
            }
        }
        if (_latticeData?.Synced.IsCompleted == true && LinksChanged is { } changed) await changed(sourceId);
    }

    private async Task OnConfigDataAsync(string key, byte[]? value)
    {
        if (value is null) _config.TryRemove(key, out _);
        else
        {
            try
            {
                _config[key] = LatticeJson.Decode<Dictionary<string, string>>(value);
            }
            catch (JsonException e)
            {
                _log.LogWarning("ignoring config {Name}: not a map of strings ({Error})", key, e.Message);
                return;
            }
        }
        if (_configData?.Synced.IsCompleted == true && ConfigChanged is { } changed) await changed(key);
    }

    public async ValueTask DisposeAsync()
    {
        await _latticeData.DisposeAsync();
        await _configData.DisposeAsync();
    }
}
