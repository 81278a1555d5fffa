using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>
/// <c>max_instances</c> is a limit on concurrent instances: excess requests wait their turn and all complete
/// (upstream's issue #4752 is the failure this guards against). The host runs in this process so its own count
/// of instances can be read.
/// </summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private readonly List<NatsConnection> _connections = [];
    private InProcessLattice _lattice = null!;

    public async Task InitializeAsync()
    {
        _lattice = await InProcessLattice.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        await _lattice.DisposeAsync();
    }

    [Fact]
    public async Task Fifty_concurrent_requests_to_a_component_limited_to_two_instances_all_complete()
    {
        await using var host = await LatticeHost.StartAsync(_lattice.Options, NullLoggerFactory.Instance);
        await using var nats = new NatsConnection(new NatsOpts { Url = _lattice.Nats.Url });
        var ctl = new CtlClient(nats, new Subjects("default"));
        var port = NatsServerProcess.FreePort();
        await using (var events = await ctl.WatchEventsAsync())
        {
            Assert.True((await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = LatticeFixture.HelloComponent, ComponentId = "limited", HostId = host.Id, Count = 2 })).Success);
            Assert.NotNull(await events.WaitForAsync(e => e.Name == "component_scaled", TimeSpan.FromSeconds(60)));
        }
        Assert.True((await ctl.PutConfigAsync("limited-http", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" })).Success);
        Assert.True((await ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "limited_http", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id })).Success);
        Assert.True((await ctl.PutLinkAsync(new Link
        {
            SourceId = "limited_http", Target = "limited", WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = ["limited-http"],
        })).Success);

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await Serving.GetAsync(http, $"http://127.0.0.1:{port}/");
        // Each request's body trickles in, so each holds its instance for a while and the limit is reached.
        var requests = Enumerable.Range(0, 50).Select(async i =>
        {
            using var response = await http.PostAsync($"http://127.0.0.1:{port}/echo", new TrickleContent($"request {i};", 3));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Expected: string.Concat(Enumerable.Repeat($"request {i};", 3)));
        }).ToList();
        var results = await Task.WhenAll(requests);
        Assert.All(results, r => Assert.Equal((HttpStatusCode.OK, r.Expected), (r.StatusCode, r.Body)));
        var limiter = host.Components.Running["limited"].Limiter;
        Assert.Equal(2, limiter.Peak);
        Assert.Equal(0, limiter.Active);
        Assert.Equal(0, limiter.Waiting);
    }

    [Fact]
    public async Task A_guest_past_its_time_limit_fails_only_its_own_request()
    {
        var (host, _, port) = await ServeAsync("limited_time", TimeSpan.FromSeconds(1));
        await using var running = host;
        using var http = new HttpClient();
        using (var tooSlow = await http.PostAsync($"http://127.0.0.1:{port}/echo", new TrickleContent("x", 3, TimeSpan.FromSeconds(1.5))).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null))
            Assert.NotEqual(HttpStatusCode.OK, tooSlow?.StatusCode ?? HttpStatusCode.InternalServerError);
        Assert.StartsWith("Hello", await http.GetStringAsync($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task An_update_keeps_the_requests_in_flight()
    {
        var (host, ctl, port) = await ServeAsync("updated", TimeSpan.FromMinutes(10));
        await using var running = host;
        using var http = new HttpClient();
        var copy = Path.Combine(_lattice.Cache, "hello-copy.wasm");
        File.Copy(Repository.PathOf("examples/http-hello-js/hello.wasm"), copy);
        var newRef = "file://" + copy;
        await using var events = await ctl.WatchEventsAsync();

        // Requests running when the update lands finish on the image they started with.
        var inFlight = Enumerable.Range(0, 3).Select(_ => http.PostAsync($"http://127.0.0.1:{port}/echo", new TrickleContent("kept;", 5, TimeSpan.FromMilliseconds(150)))).ToList();
        await Task.Delay(200);
        var reply = await ctl.UpdateComponentAsync(new UpdateComponentCommand { ComponentId = "updated", HostId = host.Id, NewComponentRef = newRef });
        Assert.Equal($"component updated updating from {LatticeFixture.HelloComponent} to {newRef}", reply.Message);
        foreach (var response in await Task.WhenAll(inFlight))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("kept;kept;kept;kept;kept;", await response.Content.ReadAsStringAsync());
        }
        var scaledNew = await events.WaitForAsync(e => e.Name == "component_scaled" && e.Data.GetProperty("image_ref").GetString() == newRef, TimeSpan.FromSeconds(60));
        Assert.Equal(4, scaledNew!.Data.GetProperty("max_instances").GetInt32());
        var scaledOld = await events.WaitForAsync(e => e.Name == "component_scaled" && e.Data.GetProperty("image_ref").GetString() == LatticeFixture.HelloComponent, TimeSpan.FromSeconds(10));
        Assert.Equal(0, scaledOld!.Data.GetProperty("max_instances").GetInt32());
        Assert.Equal(newRef, Assert.Single((await ctl.GetHostInventoryAsync(host.Id)).Response!.Components).ImageRef);
        Assert.StartsWith("Hello", await http.GetStringAsync($"http://127.0.0.1:{port}/"));
        Assert.Equal($"component updated already updated to {newRef}",
            (await ctl.UpdateComponentAsync(new UpdateComponentCommand { ComponentId = "updated", HostId = host.Id, NewComponentRef = newRef })).Message);
    }

    /// <summary>A host in this process serving the example component under <paramref name="id"/> (4 instances) on a free port.</summary>
    private async Task<(LatticeHost Host, CtlClient Ctl, int Port)> ServeAsync(string id, TimeSpan maxExecution)
    {
        var options = _lattice.Options with { MaxExecutionTime = maxExecution };
        var host = await LatticeHost.StartAsync(options, NullLoggerFactory.Instance);
        var nats = new NatsConnection(new NatsOpts { Url = _lattice.Nats.Url });
        _connections.Add(nats);
        var ctl = new CtlClient(nats, new Subjects("default"));
        var port = NatsServerProcess.FreePort();
        await using (var events = await ctl.WatchEventsAsync())
        {
            await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = LatticeFixture.HelloComponent, ComponentId = id, HostId = host.Id, Count = 4 });
            Assert.NotNull(await events.WaitForAsync(e => e.Name == "component_scaled", TimeSpan.FromSeconds(60)));
        }
        await ctl.PutConfigAsync($"{id}-http", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" });
        await ctl.StartProviderAsync(new StartProviderCommand { ProviderId = $"{id}_http", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id });
        await ctl.PutLinkAsync(new Link { SourceId = $"{id}_http", Target = id, WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = [$"{id}-http"] });
        using var http = new HttpClient();
        await Serving.GetAsync(http, $"http://127.0.0.1:{port}/");
        return (host, ctl, port);
    }

    /// <summary>A request body sent in pieces with pauses between them.</summary>
    private sealed class TrickleContent(string piece, int count, TimeSpan? pause = null) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (int i = 0; i < count; i++)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(piece));
                await stream.FlushAsync();
                await Task.Delay(pause ?? TimeSpan.FromMilliseconds(20));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
