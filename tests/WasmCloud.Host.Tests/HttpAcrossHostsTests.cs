using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>
/// The builtin http-server serving a component that runs on another host: the request goes over wRPC as
/// <c>wrpc:http/incoming-handler@0.1.0.handle</c>, body and trailers streamed on their paths both ways. The same
/// requests get the same answers with the component on the server's host (in process) and on another one.
/// </summary>
public sealed class HttpAcrossHostsTests : InProcessHosts
{
    private static readonly string Guest = "file://" + Repository.PathOf("tests/WasmCloud.Wasi.Tests/Fixtures/http_guest.component.wasm");

    [Theory]
    [InlineData("one host")]
    [InlineData("two hosts")]
    public async Task The_http_server_answers_for_a_component_wherever_it_runs(string placement)
    {
        var server = await StartHostAsync();
        var elsewhere = await StartHostAsync();
        var componentHost = placement == "one host" ? server : elsewhere;
        await ScaleComponentAsync(componentHost, "hello", LatticeFixture.HelloComponent, 4);
        await ScaleComponentAsync(componentHost, "guest", Guest, 4);
        var helloPort = NatsServerProcess.FreePort();
        var guestPort = NatsServerProcess.FreePort();
        await Ctl.PutConfigAsync("hello-address", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{helloPort}" });
        await Ctl.PutConfigAsync("guest-address", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{guestPort}" });
        Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "http", ProviderRef = "wasmcloud+builtin://http-server", HostId = server.Id })).Success);
        foreach (var (target, config) in new[] { ("hello", "hello-address"), ("guest", "guest-address") })
            Assert.True((await Ctl.PutLinkAsync(new Link { SourceId = "http", Target = target, Name = target, WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = [config] })).Success);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal("Hello from wasmCloud for .NET! GET /greeting\n", await Serving.GetAsync(http, $"http://127.0.0.1:{helloPort}/greeting?x=1"));
        using (var response = await http.GetAsync($"http://127.0.0.1:{helloPort}/greeting"))
        {
            Assert.Equal("http-hello-js", Assert.Single(response.Headers.GetValues("x-example")));
            Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        }

        // A body larger than NATS's max_payload, streamed there and back in chunks.
        var body = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        using (var echoed = await http.PostAsync($"http://127.0.0.1:{helloPort}/echo", new ByteArrayContent(body)))
        {
            Assert.Equal(HttpStatusCode.OK, echoed.StatusCode);
            Assert.Equal(body, await echoed.Content.ReadAsByteArrayAsync());
        }

        // Response trailers come on their own path and reach the client after the body.
        await Serving.GetAsync(http, $"http://127.0.0.1:{guestPort}/");
        using (var response = await http.GetAsync($"http://127.0.0.1:{guestPort}/x", HttpCompletionOption.ResponseContentRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("none", Assert.Single(response.TrailingHeaders.GetValues("x-trailer")));
        }

        // A trapping guest fails its own request, and the next one is answered.
        using (var trapped = await http.GetAsync($"http://127.0.0.1:{guestPort}/trap"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, trapped.StatusCode);
            Assert.StartsWith("the component failed:", await trapped.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{guestPort}/")).StatusCode);

        // Once the component runs nowhere, the server says so.
        await ScaleComponentAsync(componentHost, "hello", LatticeFixture.HelloComponent, 0);
        using (var gone = await http.GetAsync($"http://127.0.0.1:{helloPort}/greeting"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
            Assert.Equal("component hello is not running on any host of lattice default\n", await gone.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Requests_past_the_local_instances_overflow_to_other_hosts_running_the_component()
    {
        var server = await StartHostAsync();
        var other = await StartHostAsync();
        foreach (var host in new[] { server, other }) await ScaleComponentAsync(host, "hello", LatticeFixture.HelloComponent, 1);
        var port = NatsServerProcess.FreePort();
        await Ctl.PutConfigAsync("hello-address", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" });
        Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "http", ProviderRef = "wasmcloud+builtin://http-server", HostId = server.Id })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link { SourceId = "http", Target = "hello", WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = ["hello-address"] })).Success);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        await Serving.GetAsync(http, $"http://127.0.0.1:{port}/");
        var body = RandomNumberGenerator.GetBytes(256 * 1024);
        var echoes = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var response = await http.PostAsync($"http://127.0.0.1:{port}/echo", new ByteArrayContent(body));
            return await response.Content.ReadAsByteArrayAsync();
        }));
        Assert.All(echoes, echoed => Assert.Equal(body, echoed));
        // One instance each: the server's host took what it could, the other host the rest.
        Assert.Equal(1, server.Components.Running["hello"].Limiter.Peak);
        Assert.Equal(1, other.Components.Running["hello"].Limiter.Peak);
    }
}
