using System.Text;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Tests;

/// <summary>
/// A real nats-server with JetStream and three host processes in lattice <c>default</c> (two labelled
/// <c>zone=east</c>, one <c>zone=west</c>) with a heartbeat every second, sharing one compile cache.
/// </summary>
public sealed class LatticeOfThree : IAsyncDisposable
{
    public static readonly string Greeter = "file://" + Repository.PathOf("examples/wrpc-greeter/greeter.wasm");
    public static readonly string Caller = "file://" + Repository.PathOf("examples/wrpc-greeter/caller.wasm");

    private LatticeOfThree(NatsServerProcess nats, NatsConnection client, EventLog events, string cache)
    {
        Nats = nats;
        Client = client;
        Events = events;
        Cache = cache;
        Ctl = new CtlClient(client, new Subjects("default")) { AuctionTimeout = TimeSpan.FromSeconds(2), GatherIdle = TimeSpan.FromMilliseconds(500) };
        Wadm = new WadmClient(client, new WadmSubjects("default")) { Timeout = TimeSpan.FromSeconds(10) };
    }

    public NatsServerProcess Nats { get; }
    public NatsConnection Client { get; }
    public EventLog Events { get; }
    public CtlClient Ctl { get; }
    public WadmClient Wadm { get; }
    public string Cache { get; }
    public List<HostProcess> Hosts { get; } = [];

    public static async Task<LatticeOfThree> StartAsync()
    {
        var nats = await NatsServerProcess.StartAsync(dir => $"jetstream {{ store_dir: \"{dir}/js\" }}");
        var client = new NatsConnection(new NatsOpts { Url = nats.Url });
        await client.ConnectAsync();
        var lattice = new LatticeOfThree(nats, client, await EventLog.StartAsync(client), Directory.CreateTempSubdirectory("wadm-tests-cache-").FullName);
        foreach (var zone in new[] { "east", "east", "west" })
            lattice.Hosts.Add(HostProcess.Start(nats.Port, ["--allow-file-load", "--heartbeat-interval-seconds", "1", "--label", $"zone={zone}"], null,
                new Dictionary<string, string> { ["WASMCLOUD_CACHE_DIR"] = lattice.Cache }));
        foreach (var host in lattice.Hosts) await lattice.Events.WaitForAsync("host_started", source: host.Id, timeout: TimeSpan.FromSeconds(60));
        return lattice;
    }

    /// <summary>Each host's instance count of a component, from the hosts themselves.</summary>
    public async Task<Dictionary<string, uint>> CountsAsync(string componentId, IEnumerable<HostProcess>? hosts = null)
    {
        var counts = new Dictionary<string, uint>();
        foreach (var host in hosts ?? Hosts.Where(h => !h.HasExited))
        {
            var inventory = await Ctl.GetHostInventoryAsync(host.Id);
            counts[host.Id] = inventory.Response?.Components.FirstOrDefault(c => c.Id == componentId)?.MaxInstances ?? 0;
        }
        return counts;
    }

    public async Task<List<string>> ProvidersAsync(string providerId)
    {
        var found = new List<string>();
        foreach (var host in Hosts.Where(h => !h.HasExited))
            if ((await Ctl.GetHostInventoryAsync(host.Id)).Response?.Providers.Any(p => p.Id == providerId) == true) found.Add(host.Id);
        return found;
    }

    public async Task<string> PutAsync(string manifest)
    {
        var reply = await Wadm.PutAsync(Encoding.UTF8.GetBytes(manifest), "application/yaml");
        Assert.True(reply.Result is "created" or "newversion", reply.Message);
        return reply.CurrentVersion;
    }

    /// <summary>Waits (up to <paramref name="seconds"/>) until <paramref name="check"/> holds, then returns; fails with what it last saw.</summary>
    public static async Task EventuallyAsync(Func<Task<(bool Done, string Seen)>> check, int seconds = 60)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            (var done, seen) = await check();
            if (done) return;
            await Task.Delay(100);
        }
        Assert.Fail($"not reached within {seconds} s; last seen: {seen}");
    }

    public async Task<string> StatusAsync(string app) => (await Wadm.StatusAsync(app)).Status?.Info.Type ?? "";

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts) await host.DisposeAsync();
        await Events.DisposeAsync();
        await Client.DisposeAsync();
        await Nats.DisposeAsync();
        Directory.Delete(Cache, recursive: true);
    }
}
