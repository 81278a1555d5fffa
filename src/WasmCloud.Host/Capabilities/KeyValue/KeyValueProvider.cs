using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Host.Providers;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>
/// The builtin key-value providers: <c>wasmcloud+builtin://keyvalue-nats</c> (JetStream key-value buckets),
/// <c>keyvalue-redis</c> and <c>keyvalue-inmemory</c>; the first two also stand in for upstream's images of the same
/// name. Components reach one through a link to <c>wasi:keyvalue</c>; the link's target config chooses the bucket
/// (<c>bucket</c>) and the server (NATS: <c>cluster_uri</c>, <c>js_domain</c>; Redis: <c>URL</c>), as upstream's keys name them.
/// </summary>
internal sealed class KeyValueProvider(string id, string imageRef, KeyValueBackendKind kind, Dictionary<string, string> annotations, LatticeHost host) : IHostedProvider
{
    private readonly List<WrpcServer> _servers = [];

    public const string NatsName = "keyvalue-nats";
    public const string RedisName = "keyvalue-redis";
    public const string InMemoryName = "keyvalue-inmemory";
    public const string DefaultRedisUrl = "redis://127.0.0.1:6379";

    private readonly InMemoryKeyValue _memory = new();
    private readonly BackendCache<IKeyValueBackend> _backends = new();

    public string Id { get; } = id;
    public string ImageRef { get; } = imageRef;
    public string? Name => kind switch
    {
        KeyValueBackendKind.InMemory => "Key-value in memory (builtin)",
        KeyValueBackendKind.Redis => "Key-value on Redis (builtin)",
        _ => "Key-value on NATS JetStream (builtin)",
    };
    public Dictionary<string, string> Annotations { get; } = annotations;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, IAsyncDisposable> _watches = new(StringComparer.Ordinal);

    /// <summary>
    /// Watches the bucket of every link from this provider to a component (interface <c>watcher</c>) for the changes
    /// its config's <c>watch</c> names; the link's source config, then its target config (as upstream's example puts
    /// it), gives the bucket and the server. Links that went away stop being watched.
    /// </summary>
    public async Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel);
        try
        {
            var wanted = new Dictionary<string, (Link Link, IReadOnlyDictionary<string, string> Config, WatchConfig Watch)>(StringComparer.Ordinal);
            foreach (var link in links.Where(l => l.Link is { WitNamespace: "wasi", WitPackage: "keyvalue" } && l.Link.Interfaces.Contains("watcher")))
            {
                var config = new Dictionary<string, string>(link.TargetConfig, StringComparer.OrdinalIgnoreCase);
                foreach (var (key, value) in link.SourceConfig) config[key] = value;
                try
                {
                    var watch = WatchConfig.Parse(config);
                    wanted[$"{link.Link.Target}|{link.Link.Name}|{watch.Key}|{string.Join(',', config.OrderBy(c => c.Key, StringComparer.Ordinal))}"] = (link.Link, config, watch);
                }
                catch (FormatException e)
                {
                    host.Log.LogError("provider {Id} cannot watch for {Target}: {Error}", Id, link.Link.Target, e.Message);
                }
            }
            foreach (var key in _watches.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
            {
                await _watches[key].DisposeAsync();
                _watches.Remove(key);
            }
            foreach (var (key, (link, config, watch)) in wanted.Where(w => !_watches.ContainsKey(w.Key)))
            {
                try
                {
                    var (backend, bucket) = await OpenAsync("", config, cancel);
                    _watches[key] = await backend.WatchAsync(bucket, (changed, value) => watch.Wants(changed, value is null)
                        ? WatcherDelivery.HandAsync(host, Id, link, backend, bucket, changed, value)
                        : Task.CompletedTask, cancel);
                    host.Log.LogInformation("provider {Id} tells {Target} of {Watch} in bucket {Bucket}", Id, link.Target, watch.Key, bucket);
                }
                catch (KeyValueException e)
                {
                    host.Log.LogError("provider {Id} cannot watch for {Target}: {Error}", Id, link.Target, e.Message);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public HealthCheckResponse Health() => new() { Healthy = true, Message = "" };

    /// <summary>The bucket a component's <c>open(identifier)</c> reaches under a link with this target config.</summary>
    public async Task<(IKeyValueBackend Backend, string Bucket)> OpenAsync(string identifier, IReadOnlyDictionary<string, string> config, CancellationToken cancel)
    {
        var bucket = LinkConfig.Get(config, "bucket") is { Length: > 0 } configured ? configured : identifier.Length > 0 ? identifier : "default";
        if (kind == KeyValueBackendKind.InMemory) return (_memory, bucket);
        string key, describe;
        Func<Task<IKeyValueBackend>> connect;
        try
        {
            (key, connect, describe) = kind == KeyValueBackendKind.Redis ? RedisServer(LinkConfig.Get(config, "URL") ?? DefaultRedisUrl) : NatsServer(config);
        }
        catch (FormatException e)
        {
            throw new KeyValueException(KeyValueError.Other, $"the link's config: {e.Message}");
        }
        try
        {
            return (await _backends.GetAsync(key, connect, cancel), bucket);
        }
        catch (Exception e) when (e is NatsException or TimeoutException or FormatException or StackExchange.Redis.RedisException)
        {
            throw new KeyValueException(KeyValueError.Other, $"cannot reach {describe}: {e.Message}");
        }
    }

    private (string Key, Func<Task<IKeyValueBackend>> Connect, string Describe) RedisServer(string url) =>
        ($"redis|{url}", async () => await RedisKeyValue.ConnectAsync(url), $"Redis at {RedisKeyValue.Redacted(url)}");

    private (string Key, Func<Task<IKeyValueBackend>> Connect, string Describe) NatsServer(IReadOnlyDictionary<string, string> config)
    {
        var server = LinkNats.From(config, "cluster_uri");
        var domain = LinkConfig.Get(config, "js_domain");
        return ($"nats|{server.Key}|{domain}", async () =>
        {
            if (server.IsHostConnection) return new NatsKeyValue(host.Rpc, null, domain);
            var connection = await server.ConnectAsync($"keyvalue-nats {Id}", host.Options.Rpc);
            return new NatsKeyValue(connection, connection, domain);
        }, $"the NATS server {(server.IsHostConnection ? "of the host" : server.Describe)}");
    }

    /// <summary>
    /// Serves every operation over wRPC as upstream's key-value providers do (<c>wrpc:keyvalue/*@0.2.0-draft</c> on
    /// <c>{lattice}.{id}</c>), so components on other hosts reach it; the caller's link gives the config.
    /// </summary>
    public async Task StartAsync(CancellationToken cancel)
    {
        foreach (var operation in KeyValueOperations.All)
            _servers.Add(await ProviderExports.ServeAsync(host, Id, "wasi", "keyvalue", operation.WrpcInstance, operation.Name, new FunctionCodec(operation.WrpcType),
                (args, caller, token) => KeyValueOperations.AnswerAsync(operation, () => OpenAsync(Val.ToText(args[0]), caller.Config, token), args[1..], token), cancel));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        foreach (var watch in _watches.Values) await watch.DisposeAsync();
        _watches.Clear();
        await _backends.DisposeAsync();
        await _memory.DisposeAsync();
    }
}
