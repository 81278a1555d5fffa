using System.Text;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>
/// One real nats-server with JetStream and three host processes in lattice <c>default</c>, labelled
/// <c>zone=a|b|c</c>, with a heartbeat every second; the events of the lattice are recorded from before the
/// first host started.
/// </summary>
public sealed class LatticeFixture : IAsyncLifetime
{
    public static readonly string HelloComponent = "file://" + Repository.PathOf("examples/http-hello-js/hello.wasm");

    public NatsServerProcess Nats { get; private set; } = null!;
    public NatsConnection Client { get; private set; } = null!;
    public EventLog Events { get; private set; } = null!;
    public CtlClient Ctl { get; private set; } = null!;
    public List<HostProcess> Hosts { get; } = [];

    public HostProcess A => Hosts[0];
    public HostProcess B => Hosts[1];
    public HostProcess C => Hosts[2];

    public async Task InitializeAsync()
    {
        Nats = await NatsServerProcess.StartAsync(dir => $"jetstream {{ store_dir: \"{dir}/js\" }}");
        Client = new NatsConnection(new NatsOpts { Url = Nats.Url });
        await Client.ConnectAsync();
        Events = await EventLog.StartAsync(Client);
        Ctl = new CtlClient(Client, new Subjects("default")) { AuctionTimeout = TimeSpan.FromSeconds(3), GatherIdle = TimeSpan.FromMilliseconds(700) };
        foreach (var zone in new[] { "a", "b", "c" }) Hosts.Add(StartHost(["--label", $"zone={zone}"]));
        foreach (var host in Hosts) await WaitForStartAsync(host);
    }

    public HostProcess StartHost(IEnumerable<string> flags, string? seed = null) =>
        HostProcess.Start(Nats.Port, ["--allow-file-load", "--heartbeat-interval-seconds", "1", .. flags], seed,
            new Dictionary<string, string> { ["WASMCLOUD_CACHE_DIR"] = CompileCache });

    /// <summary>Waits for the host's <c>host_started</c> event (newer than <paramref name="after"/> events of it).</summary>
    public async Task WaitForStartAsync(HostProcess host, int after = 0)
    {
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (Events.Find("host_started", source: host.Id).Count() <= after)
            {
                if (host.HasExited || DateTime.UtcNow > deadline) throw new TimeoutException("no host_started");
                await Task.Delay(50);
            }
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"host {host.Id} did not start:\n{host.Log}");
        }
    }

    /// <summary>Sends raw bytes on a ctl subject and returns the parsed reply.</summary>
    public async Task<System.Text.Json.JsonElement> RequestAsync(string subject, string body)
    {
        var reply = await Client.RequestAsync<byte[], byte[]>(subject, Encoding.UTF8.GetBytes(body), replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(5) });
        return Json.Parse(reply.Data ?? []);
    }

    /// <summary>One compile cache for the fixture's hosts, so the example component is compiled once.</summary>
    public string CompileCache { get; } = Directory.CreateTempSubdirectory("wasmcloud-host-tests-cache-").FullName;

    public async Task DisposeAsync()
    {
        foreach (var host in Hosts) await host.DisposeAsync();
        await Events.DisposeAsync();
        await Client.DisposeAsync();
        await Nats.DisposeAsync();
        Directory.Delete(CompileCache, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class LatticeCollection : ICollectionFixture<LatticeFixture>
{
    public const string Name = "lattice";
}
