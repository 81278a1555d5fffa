using System.Net;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>
/// A component reaches the web through a link for <c>wasi:http/outgoing-handler</c> to the http-client provider, as
/// upstream's components do; without the link its requests are denied. The example's <c>/fetch?url=</c> makes the call.
/// </summary>
public sealed class OutgoingHttpTests : InProcessHosts
{
    [Fact]
    public async Task Outgoing_requests_need_a_link_to_the_http_client()
    {
        using var upstream = new HttpListener();
        var upstreamPort = NatsServerProcess.FreePort();
        upstream.Prefixes.Add($"http://127.0.0.1:{upstreamPort}/");
        upstream.Start();
        _ = Task.Run(async () =>
        {
            while (upstream.IsListening)
            {
                var context = await upstream.GetContextAsync();
                var body = "upstream says hi"u8.ToArray();
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });

        var host = await StartHostAsync();
        var port = NatsServerProcess.FreePort();
        await using (var events = await Ctl.WatchEventsAsync())
        {
            Assert.True((await Ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = LatticeFixture.HelloComponent, ComponentId = "caller", HostId = host.Id, Count = 2 })).Success);
            Assert.Equal("component_scaled", (await events.WaitForAsync(e => e.Name.StartsWith("component_scale"), TimeSpan.FromSeconds(120)))?.Name);
        }
        Assert.True((await Ctl.PutConfigAsync("caller-http", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" })).Success);
        Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "web", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link { SourceId = "web", Target = "caller", WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = ["caller-http"] })).Success);
        using var http = new HttpClient();
        await Serving.GetAsync(http, $"http://127.0.0.1:{port}/");
        var url = $"http://127.0.0.1:{port}/fetch?url=http://127.0.0.1:{upstreamPort}/x";

        // Denied: the guest's fetch fails, and with it the request (an error status, or the connection dropped).
        try
        {
            using var denied = await http.GetAsync(url);
            Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
            Assert.DoesNotContain("upstream says hi", await denied.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
        }

        Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "client", ProviderRef = "ghcr.io/wasmcloud/http-client:0.13.1", HostId = host.Id })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link { SourceId = "caller", Target = "client", WitNamespace = "wasi", WitPackage = "http", Interfaces = ["outgoing-handler"] })).Success);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !host.State.LinksFrom("caller").Any() && DateTime.UtcNow < deadline;) await Task.Delay(20);
        using var allowed = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("upstream says hi", await allowed.Content.ReadAsStringAsync());
        Assert.Equal("HTTP Client (builtin)", (await Ctl.GetHostInventoryAsync(host.Id)).Response!.Providers.Single(p => p.Id == "client").Name);
    }
}
