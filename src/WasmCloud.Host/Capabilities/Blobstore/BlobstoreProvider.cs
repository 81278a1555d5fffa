using System.Collections.Concurrent;
using NATS.Client.Core;
using NATS.Client.JetStream.Models;
using NATS.Client.ObjectStore;
using WasmCloud.Host.Providers;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Capabilities.Blobstore;

internal enum BlobBackendKind
{
    Filesystem,
    S3,
    Nats,
}

/// <summary>
/// The builtin blob stores: <c>wasmcloud+builtin://blobstore-fs</c>, <c>blobstore-s3</c> and <c>blobstore-nats</c>,
/// each also standing in for upstream's image of that name. Components reach one through a link to
/// <c>wasi:blobstore</c>; the link's target config picks where blobs live, under upstream's keys: <c>ROOT</c> for the
/// filesystem (default: a directory named for the component under the system's temp directory), <c>config_b64</c>
/// (or its keys) for S3, <c>cluster_uri</c>, <c>js_domain</c> and the storage settings for NATS. One backend per
/// distinct config, kept while the provider runs.
/// </summary>
internal sealed class BlobstoreProvider(string id, string imageRef, BlobBackendKind kind, Dictionary<string, string> annotations, LatticeHost host) : IHostedProvider
{
    public const string FilesystemName = "blobstore-fs";
    public const string S3Name = "blobstore-s3";
    public const string NatsName = "blobstore-nats";

    private readonly BackendCache<IBlobBackend> _backends = new();

    public string Id { get; } = id;
    public string ImageRef { get; } = imageRef;
    public string? Name => kind switch
    {
        BlobBackendKind.Filesystem => "Blobstore on the filesystem (builtin)",
        BlobBackendKind.S3 => "Blobstore on S3 (builtin)",
        _ => "Blobstore on NATS object store (builtin)",
    };
    public Dictionary<string, string> Annotations { get; } = annotations;

    private List<Wrpc.Transport.WrpcServer> _servers = [];

    public Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel) => Task.CompletedTask;

    /// <summary>Serves <c>wrpc:blobstore/blobstore@0.2.0</c>, so components on other hosts reach this store.</summary>
    public async Task StartAsync(CancellationToken cancel) => _servers = await BlobstoreServer.StartAsync(host, this, cancel);

    public HealthCheckResponse Health() => new() { Healthy = true, Message = "" };

    /// <summary>The store a component reaches through a link with this target config.</summary>
    public async Task<IBlobBackend> OpenAsync(string componentId, IReadOnlyDictionary<string, string> config, CancellationToken cancel)
    {
        try
        {
            var (key, open) = kind switch
            {
                BlobBackendKind.Filesystem => Filesystem(componentId, config),
                BlobBackendKind.S3 => ("s3|" + string.Join('|', config.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")),
                    () => Task.FromResult<IBlobBackend>(S3Blobstore.FromConfig(config))),
                _ => Nats(config),
            };
            return await _backends.GetAsync(key, open, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw e as BlobstoreException ?? new BlobstoreException($"cannot open the blob store: {e.Message}", e);
        }
    }

    private static (string, Func<Task<IBlobBackend>>) Filesystem(string componentId, IReadOnlyDictionary<string, string> config)
    {
        var root = LinkConfig.Get(config, "ROOT") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), componentId);
        return ("fs|" + Path.GetFullPath(root), () =>
        {
            Directory.CreateDirectory(root);
            return Task.FromResult<IBlobBackend>(new FilesystemBlobstore(root));
        });
    }

    private (string, Func<Task<IBlobBackend>>) Nats(IReadOnlyDictionary<string, string> config)
    {
        var server = LinkNats.From(config, "cluster_uri");
        var domain = LinkConfig.Get(config, "js_domain");
        var template = new NatsObjConfig("template")
        {
            Storage = LinkConfig.Get(config, "storage_type")?.ToLowerInvariant() == "memory" ? NatsObjStorageType.Memory : NatsObjStorageType.File,
            NumberOfReplicas = int.TryParse(LinkConfig.Get(config, "num_replicas"), out var replicas) ? replicas : 1,
            Compression = bool.TryParse(LinkConfig.Get(config, "compression"), out var compressed) && compressed,
        };
        if (long.TryParse(LinkConfig.Get(config, "max_age"), out var seconds)) template = template with { MaxAge = TimeSpan.FromSeconds(seconds) };
        var key = $"nats|{server.Key}|{domain}|{template.Storage}|{template.NumberOfReplicas}|{template.Compression}|{template.MaxAge}";
        return (key, async () =>
        {
            if (server.IsHostConnection) return new NatsBlobstore(host.Rpc, null, domain, template);
            var connection = await server.ConnectAsync($"blobstore-nats {Id}", host.Options.Rpc);
            return new NatsBlobstore(connection, connection, domain, template);
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        await _backends.DisposeAsync();
    }
}
