using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using WasmCloud.Wadm.Api;
using WasmCloud.Wadm.Reconcile;
using WasmCloud.Wadm.Storage;

namespace WasmCloud.Wadm;

/// <summary>
/// One wadm instance: the API, and a <see cref="LatticeWorker"/> for every lattice it has heard of (through an
/// API request or a host's event). Any number may run against one NATS server; they share requests through a
/// queue group and applications through leases, and any of them may be killed at any time.
/// </summary>
public sealed class WadmServer : IAsyncDisposable
{
    private readonly NatsConnection _nats;
    private readonly ConcurrentDictionary<string, Lazy<Task<LatticeWorker>>> _workers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private WadmContext? _context;
    private ApiServer? _api;
    private INatsSub<byte[]>? _events;

    private WadmServer(WadmOptions options, ILogger log)
    {
        Options = options;
        Log = log;
        _nats = new NatsConnection(options.Nats.Options("wadm"));
    }

    public WadmOptions Options { get; }
    public ILogger Log { get; }

    /// <summary>A unique name for this instance, as leases record it.</summary>
    public string InstanceId { get; } = $"wadm-{Guid.NewGuid():N}";

    public static async Task<WadmServer> StartAsync(WadmOptions options, ILogger log, CancellationToken cancel = default)
    {
        var server = new WadmServer(options, log);
        try
        {
            await server.StartAsync(cancel);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(CancellationToken cancel)
    {
        await _nats.ConnectAsync();
        var js = Options.JetStreamDomain is { } domain ? new NatsJSContext(_nats, new NatsJSOpts(_nats.Opts, domain)) : new NatsJSContext(_nats);
        var kv = new NatsKVContext(js);
        // A change another instance's API made reaches this instance's workers through the bucket.
        var manifests = await ManifestStore.OpenAsync(kv, Options.ManifestBucket, async () =>
        {
            foreach (var worker in _workers.Values) if (worker.IsValueCreated && worker.Value.IsCompletedSuccessfully) await worker.Value.Result.Poke();
        }, cancel);
        var statuses = await StatusStore.OpenAsync(_nats, js, cancel);
        var leases = await AppLeases.OpenAsync(kv, InstanceId, Options.LeaseTtl, cancel);
        var state = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(Options.StateBucket) { History = 1 }, cancel);
        _context = new WadmContext(_nats, kv, manifests, statuses, leases, state, Options, Log);
        var handlers = new ModelHandlers(_nats, manifests, statuses, lattice => _ = PokeAsync(lattice));
        _api = new ApiServer(_nats, Options.ApiPrefix, handlers, Log);
        await _api.StartAsync(cancel);
        _events = await _nats.SubscribeCoreAsync<byte[]>("wasmbus.evt.*.>", cancellationToken: cancel);
        _ = Task.Run(DiscoverLatticesAsync);
        Log.LogInformation("wadm {Instance} is serving {Prefix}.> on {Url}", InstanceId, Options.ApiPrefix, Options.Nats.Url);
    }

    /// <summary>Every lattice whose hosts publish events gets a worker, so its deployed applications are looked after.</summary>
    private async Task DiscoverLatticesAsync()
    {
        await foreach (var message in _events!.Msgs.ReadAllAsync())
        {
            var tokens = message.Subject.Split('.');
            if (tokens.Length >= 4 && !_workers.ContainsKey(tokens[2])) await PokeAsync(tokens[2]);
        }
    }

    private async Task PokeAsync(string lattice)
    {
        try
        {
            var worker = await _workers.GetOrAdd(lattice, l => new Lazy<Task<LatticeWorker>>(() => StartWorkerAsync(l))).Value;
            await worker.Poke();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _workers.TryRemove(lattice, out _);
            Log.LogWarning("could not start watching lattice {Lattice}: {Error}", lattice, e.Message);
        }
    }

    private async Task<LatticeWorker> StartWorkerAsync(string lattice)
    {
        var worker = new LatticeWorker(_context!, lattice);
        await worker.StartAsync(_stop.Token);
        Log.LogInformation("wadm is watching lattice {Lattice}", lattice);
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_api is not null) await _api.DisposeAsync();
        if (_events is not null) await _events.DisposeAsync();
        foreach (var worker in _workers.Values)
            if (worker.IsValueCreated && worker.Value.IsCompletedSuccessfully) await worker.Value.Result.DisposeAsync();
        if (_context is not null)
        {
            await _context.Manifests.DisposeAsync();
            await _context.Leases.DisposeAsync();
        }
        await _nats.DisposeAsync();
        _stop.Dispose();
    }
}
