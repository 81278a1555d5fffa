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
        var port = await ServeCallerAsync(host);
        using var http = new HttpClient();
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

    [Theory]
    [InlineData("one host")]
    [InlineData("two hosts")]
    public async Task The_http_client_trusts_its_own_roots_and_keeps_to_its_allowed_hosts(string placement)
    {
        using var authority = new TestAuthority();
        await using var server = new TlsHelloServer(authority.IssueForLoopback(), "private hello");
        var roots = Path.Combine(Path.GetTempPath(), $"roots-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(roots, authority.Pem);
        try
        {
            var host = await StartHostAsync();
            // On two hosts every request goes over wRPC to the provider's host (wrpc:http/outgoing-handler), which sends it.
            var providerHost = placement == "one host" ? host : await StartHostAsync();
            var port = await ServeCallerAsync(host);
            using var http = new HttpClient();
            var target = $"http://127.0.0.1:{port}/fetch?url=https://127.0.0.1:{server.Port}/x";
            Task LinkAsync(string client, List<string> targetConfig) => LinkOnEveryHostAsync([host, providerHost], client, targetConfig);

            // Upstream's default trust (the machine's roots) refuses a private authority's certificate.
            Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "public", ProviderRef = "ghcr.io/wasmcloud/http-client:0.13.1", HostId = providerHost.Id })).Success);
            await LinkAsync("public", []);
            Assert.False(await FetchedAsync(http, target, "private hello"));
            Assert.Equal(0, server.Answered);

            // ssl_certs_file adds the authority; allowed_hosts in the link's config then decides.
            Assert.True((await Ctl.PutConfigAsync("private-roots", new Dictionary<string, string> { ["ssl_certs_file"] = roots })).Success);
            Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand
            {
                ProviderId = "private", ProviderRef = "wasmcloud+builtin://http-client", HostId = providerHost.Id, Config = ["private-roots"],
            })).Success);
            for (var deadline = DateTime.UtcNow.AddSeconds(30); !providerHost.Providers.Running.ContainsKey("private") && DateTime.UtcNow < deadline;) await Task.Delay(50);
            // Upstream's rule: a link to another target under the same name is refused until the old one is deleted.
            Assert.True((await Ctl.DeleteLinkAsync(new DeleteLinkRequest { SourceId = "caller", WitNamespace = "wasi", WitPackage = "http" })).Success);
            await LinkAsync("private", []);
            Assert.True(await FetchedAsync(http, target, "private hello"));
            Assert.Equal(1, server.Answered);

            Assert.True((await Ctl.PutConfigAsync("only-example", new Dictionary<string, string> { ["allowed_hosts"] = "example.com,*.example.org" })).Success);
            await LinkAsync("private", ["only-example"]);
            Assert.False(await FetchedAsync(http, target, "private hello"));
            Assert.Equal(1, server.Answered);
            Assert.True((await Ctl.PutConfigAsync("only-example", new Dictionary<string, string> { ["allowed_hosts"] = "example.com, 127.0.0.1" })).Success);
            // The changed config reaches every host in a moment; the request is allowed from then on.
            var fetched = false;
            for (var deadline = DateTime.UtcNow.AddSeconds(10); !fetched && DateTime.UtcNow < deadline; await Task.Delay(100))
                fetched = await FetchedAsync(http, target, "private hello");
            Assert.True(fetched);
            Assert.Equal(2, server.Answered);

            // A roots file that is not there stops the provider from starting, with a reason naming it.
            Assert.True((await Ctl.PutConfigAsync("missing-roots", new Dictionary<string, string> { ["ssl_certs_file"] = roots + ".missing" })).Success);
            await using var events = await Ctl.WatchEventsAsync();
            Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand
            {
                ProviderId = "broken", ProviderRef = "wasmcloud+builtin://http-client", HostId = providerHost.Id, Config = ["missing-roots"],
            })).Success);
            var failed = await events.WaitForAsync(e => e.Name.StartsWith("provider_start", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            Assert.Equal("provider_start_failed", failed?.Name);
            Assert.Contains($"`ssl_certs_file` {roots}.missing", failed!.Data.GetProperty("error").GetString());
        }
        finally
        {
            File.Delete(roots);
        }
    }

    /// <summary>The hello example as `caller` behind an http-server on a free port.</summary>
    private async Task<int> ServeCallerAsync(LatticeHost host)
    {
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
        return port;
    }

    /// <summary>Links the caller to the client and waits until every host knows the link (the provider's host reads its config from it).</summary>
    private async Task LinkOnEveryHostAsync(IReadOnlyList<LatticeHost> hosts, string client, List<string> targetConfig)
    {
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = "caller", Target = client, WitNamespace = "wasi", WitPackage = "http", Interfaces = ["outgoing-handler"], TargetConfig = targetConfig,
        })).Success);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(20))
            if (hosts.All(h => h.State.LinksFrom("caller").Any(l => l.Target == client && l.TargetConfig.SequenceEqual(targetConfig)))) return;
        Assert.Fail($"the link from caller to {client} did not reach every host within 10 s");
    }

    /// <summary>Whether the guest's fetch brought the body back (a refused one fails the request: an error status or a dropped connection).</summary>
    private static async Task<bool> FetchedAsync(HttpClient http, string url, string body)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync() == body;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
