using WasmCloud.Lattice.Control;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>
/// Warm instances on a host: a component's <c>wasmcloud.dev/max-invocations</c> annotation (or the host's
/// <c>--max-invocations</c>) lets one instance serve that many requests through the builtin http-server, its state
/// carried from one to the next; without either, every request gets a fresh instance, as in upstream 1.x.
/// Fixtures/http_guest.wat answers /n with 200 + the requests its instance has served.
/// </summary>
public sealed class WarmInstanceTests : InProcessHosts
{
    private static readonly string Guest = "file://" + Repository.PathOf("tests/WasmCloud.Wasi.Tests/Fixtures/http_guest.component.wasm");

    [Theory]
    [InlineData(null, 1, new[] { 201, 201, 201 })]
    [InlineData("2", 1, new[] { 201, 202, 201, 202 })]
    [InlineData(null, 3, new[] { 201, 202, 203, 201 })]
    [InlineData("1", 3, new[] { 201, 201 })]
    public async Task An_instance_serves_as_many_requests_as_its_component_allows(string? annotation, int hostDefault, int[] expected)
    {
        var host = await StartHostAsync(Lattice.Options with { MaxInvocations = hostDefault });
        var annotations = annotation is null ? null : new Dictionary<string, string> { ["wasmcloud.dev/max-invocations"] = annotation };
        await ScaleComponentAsync(host, "guest", Guest, 4, annotations);
        var port = await ServeAsync(host, "guest");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var statuses = new List<int>();
        // One request at a time, so one warm instance serves them all until it is used up.
        foreach (var _ in expected) statuses.Add((int)(await http.GetAsync($"http://127.0.0.1:{port}/n")).StatusCode);
        Assert.Equal(expected, statuses);
        // A trap discards the warm instance: the next request is served by a fresh one.
        if (expected.Length > 3)
        {
            Assert.Equal(500, (int)(await http.GetAsync($"http://127.0.0.1:{port}/trap")).StatusCode);
            Assert.Equal(201, (int)(await http.GetAsync($"http://127.0.0.1:{port}/n")).StatusCode);
        }
    }

    [Fact]
    public async Task A_bad_annotation_fails_the_start_with_a_reason()
    {
        var host = await StartHostAsync();
        await using var events = await Ctl.WatchEventsAsync();
        Assert.True((await Ctl.ScaleComponentAsync(new ScaleComponentCommand
        {
            ComponentRef = Guest, ComponentId = "guest", HostId = host.Id, Count = 1,
            Annotations = new() { ["wasmcloud.dev/max-invocations"] = "lots" },
        })).Success);
        var failed = await events.WaitForAsync(e => e.Name == "component_scale_failed", TimeSpan.FromSeconds(60));
        Assert.NotNull(failed);
        Assert.Contains("annotation wasmcloud.dev/max-invocations wants a whole number of invocations, at least 1, not `lots`", failed.Data.GetProperty("error").GetString());
    }

    /// <summary>The builtin http-server on <paramref name="host"/>, linked to the component, on a free port.</summary>
    private async Task<int> ServeAsync(LatticeHost host, string component)
    {
        var port = NatsServerProcess.FreePort();
        await Ctl.PutConfigAsync("address", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" });
        await StartProviderAsync(host, "http", "wasmcloud+builtin://http-server");
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = "http", Target = component, WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = ["address"],
        })).Success);
        // Up once it answers; a trapping request, so the instance that answered is discarded and the test starts fresh.
        using var http = new HttpClient();
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(100))
        {
            try
            {
                using var trapped = await http.GetAsync($"http://127.0.0.1:{port}/trap");
                Assert.Equal(500, (int)trapped.StatusCode);
                return port;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
