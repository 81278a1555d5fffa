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
    private readonly ConcurrentDictionary<string, Lazy<Task<IKeyValueBackend>>> _backends = new(StringComparer.Ordinal);

    public string Id { get; } = id;
    public string ImageRef { get; } = imageRef;
    public string? Name => kind switch
    {
        KeyValueBackendKind.InMemory => "Key-value in memory (builtin)",
        KeyValueBackendKind.Redis => "Key-value on Redis (builtin)",
        _ => "Key-value on NATS JetStream (builtin)",
    };
    public Dictionary<string, string> Annotations { get; } = annotations;

    /// <summary>Links come from components to this provider; it is the source of none.</summary>
    public Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel) => Task.CompletedTask;

    public HealthCheckResponse Health() => new() { Healthy = true, Message = "" };

    /// <summary>The bucket a component's <c>open(identifier)</c> reaches under a link with this target config.</summary>
    public async Task<(IKeyValueBackend Backend, string Bucket)> OpenAsync(string identifier, IReadOnlyDictionary<string, string> config, CancellationToken cancel)
    {
        var bucket = config.GetValueOrDefault("bucket") is { Length: > 0 } configured ? configured : identifier.Length > 0 ? identifier : "default";
        if (kind == KeyValueBackendKind.InMemory) return (_memory, bucket);
        var (key, connect, describe) = kind == KeyValueBackendKind.Redis
            ? RedisServer(config.GetValueOrDefault("URL") ?? config.GetValueOrDefault("url") ?? DefaultRedisUrl)
            : NatsServer(config.GetValueOrDefault("cluster_uri") ?? "", config.GetValueOrDefault("js_domain"));
        try
        {
            return (await _backends.GetOrAdd(key, _ => new Lazy<Task<IKeyValueBackend>>(connect)).Value.WaitAsync(cancel), bucket);
        }
        catch (Exception e) when (e is NatsException or TimeoutException or FormatException or StackExchange.Redis.RedisException)
        {
            _backends.TryRemove(key, out _);
            throw new KeyValueException(KeyValueError.Other, $"cannot reach {describe}: {e.Message}");
        }
    }

    private (string Key, Func<Task<IKeyValueBackend>> Connect, string Describe) RedisServer(string url) =>
        ($"redis|{url}", async () => await RedisKeyValue.ConnectAsync(url), $"Redis at {RedisKeyValue.Redacted(url)}");

    private (string Key, Func<Task<IKeyValueBackend>> Connect, string Describe) NatsServer(string server, string? domain) =>
        ($"nats|{server}|{domain}", () => ConnectAsync(server, domain), $"the NATS server {(server.Length == 0 ? "of the host" : server)}");

    private async Task<IKeyValueBackend> ConnectAsync(string server, string? domain)
    {
        if (server.Length == 0) return new NatsKeyValue(host.Rpc, null, domain);
        var endpoint = NatsEndpoint.Parse(server);
        var connection = new NatsConnection(endpoint.Options($"keyvalue-nats {Id}"));
        await connection.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        return new NatsKeyValue(connection, connection, domain);
    }

    /// <summary>
    /// Serves every operation over wRPC as upstream's key-value providers do (<c>wrpc:keyvalue/*@0.2.0-draft</c> on
    /// <c>{lattice}.{id}</c>), so components on other hosts reach it; the caller's link (by <c>source-id</c> and
    /// <c>link-name</c>) gives the config, as a link to a provider does.
    /// </summary>
    public async Task StartAsync(CancellationToken cancel)
    {
        var prefix = WrpcSubjects.Prefix(host.Options.Lattice, Id);
        foreach (var operation in KeyValueOperations.All)
        {
            var codec = new FunctionCodec(operation.WrpcType);
            _servers.Add(await WrpcServer.StartAsync(host.Rpc, WrpcSubjects.Invocation(prefix, operation.WrpcInstance, operation.Name), prefix, async (call, token) =>
            {
                var args = (ComponentValue[])call.Decoded!;
                var (_, config) = CallerLink.Of(host, call, Id, "wasi", "keyvalue");
                var result = await KeyValueOperations.AnswerAsync(operation, () => OpenAsync(Val.ToText(args[0]), config, token), args[1..], token);
                return codec.EncodeResult(result);
            }, host.Log, cancel, bytes => codec.DecodeParameters(bytes)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        foreach (var backend in _backends.Values)
            if (backend.IsValueCreated && backend.Value.IsCompletedSuccessfully) await backend.Value.Result.DisposeAsync();
        await _memory.DisposeAsync();
    }
}
