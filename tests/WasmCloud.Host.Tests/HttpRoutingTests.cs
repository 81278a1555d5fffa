using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>The builtin http-server's path and host routing modes: one shared listener, routes from each link's source config.</summary>
public sealed class HttpRoutingTests : IAsyncLifetime
{
    private InProcessLattice _lattice = null!;

    public async Task InitializeAsync()
    {
        _lattice = await InProcessLattice.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _lattice.DisposeAsync();
    }

    /// <summary>GETs with a Host header once the route answers 200 (the listener and its routes arrive with the links).</summary>
    private static async Task<string> GetWithHostAsync(HttpClient http, string url, string hostHeader)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(100))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Host = hostHeader;
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline) return await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    [Theory]
    [InlineData("path")]
    [InlineData("host")]
    public async Task One_listener_routes_to_each_linked_component(string mode)
    {
        await using var host = await LatticeHost.StartAsync(_lattice.Options, NullLoggerFactory.Instance);
        await using var nats = new NatsConnection(new NatsOpts { Url = _lattice.Nats.Url });
        var ctl = new CtlClient(nats, new Subjects("default")) { Timeout = TimeSpan.FromSeconds(10) };
        await using (var events = await ctl.WatchEventsAsync())
        {
            foreach (var id in new[] { "left", "right" })
                await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = LatticeFixture.HelloComponent, ComponentId = id, HostId = host.Id, Count = 2 });
            for (int started = 0; started < 2;)
                if (await events.WaitForAsync(e => e.Name == "component_scaled", TimeSpan.FromSeconds(60)) is not null) started++;
        }
        var port = NatsServerProcess.FreePort();
        await ctl.PutConfigAsync("router", new Dictionary<string, string> { ["routing_mode"] = mode, ["default_address"] = $"127.0.0.1:{port}" });
        await ctl.PutConfigAsync("left-route", new Dictionary<string, string> { [mode] = mode == "path" ? "/left" : "left.example" });
        await ctl.PutConfigAsync("right-route", new Dictionary<string, string> { [mode] = mode == "path" ? "/right" : "right.example" });
        await ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "router", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id, Config = ["router"] });
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !host.Providers.Running.ContainsKey("router") && DateTime.UtcNow < deadline;) await Task.Delay(20);
        foreach (var id in new[] { "left", "right" })
            await ctl.PutLinkAsync(new Link { SourceId = "router", Target = id, Name = id, WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = [$"{id}-route"] });

        using var http = new HttpClient();
        if (mode == "path")
        {
            Assert.Equal("Hello from wasmCloud for .NET! GET /left\n", await Serving.GetAsync(http, $"http://127.0.0.1:{port}/left"));
            Assert.Equal("Hello from wasmCloud for .NET! GET /right\n", await http.GetStringAsync($"http://127.0.0.1:{port}/right?x=1"));
            // Paths match exactly, as upstream's router matches them.
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/left/more")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/")).StatusCode);
        }
        else
        {
            foreach (var name in new[] { "left", "right" })
                Assert.Equal($"Hello from wasmCloud for .NET! GET /{name}\n", await GetWithHostAsync(http, $"http://127.0.0.1:{port}/{name}", $"{name}.example"));
            using var unknown = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
            unknown.Headers.Host = "nobody.example";
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(unknown)).StatusCode);
        }
        // Removing a link removes its route.
        await ctl.DeleteLinkAsync(new DeleteLinkRequest { SourceId = "router", Name = "left", WitNamespace = "wasi", WitPackage = "http" });
        for (var deadline = DateTime.UtcNow.AddSeconds(10); host.State.LinksFrom("router").Count > 1 && DateTime.UtcNow < deadline;) await Task.Delay(20);
        await Task.Delay(200);
        using var gone = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/left");
        if (mode == "host") gone.Headers.Host = "left.example";
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(gone)).StatusCode);
    }
}
