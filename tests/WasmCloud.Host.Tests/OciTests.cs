using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Host.Components;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>Components pulled from a real OCI registry on loopback, and the references a host refuses.</summary>
public sealed class OciTests : IAsyncLifetime
{
    private InProcessLattice _lattice = null!;
    private RegistryProcess _registry = null!;

    public async Task InitializeAsync()
    {
        _lattice = await InProcessLattice.StartAsync();
        _registry = await RegistryProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _lattice.DisposeAsync();
    }

    [Fact]
    public async Task A_component_pushed_to_the_registry_is_pulled_started_and_served()
    {
        var bytes = await File.ReadAllBytesAsync(Repository.PathOf("examples/http-hello-js/hello.wasm"));
        using var http = new HttpClient();
        var oci = new OciClient(http, _ => null, [_registry.Address]);
        var reference = $"{_registry.Address}/components/hello:0.1.0";
        await oci.PushAsync(ImageReference.Parse(reference), bytes, default);
        await oci.PushAsync(ImageReference.Parse($"{_registry.Address}/components/hello:latest"), bytes, default);
        Assert.Equal(bytes, await oci.PullAsync(ImageReference.Parse(reference), long.MaxValue, default));

        await using var host = await LatticeHost.StartAsync(_lattice.Options with { AllowedInsecure = [_registry.Address] }, NullLoggerFactory.Instance);
        await using var nats = new NatsConnection(new NatsOpts { Url = _lattice.Nats.Url });
        var ctl = new CtlClient(nats, new Subjects("default"));
        await using var events = await ctl.WatchEventsAsync();

        Assert.True((await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = reference, ComponentId = "pulled", HostId = host.Id, Count = 1 })).Success);
        var scaled = await events.WaitForAsync(e => e.Name is EventNames.ComponentScaled or EventNames.ComponentScaleFailed, TimeSpan.FromSeconds(60));
        Assert.Equal(EventNames.ComponentScaled, scaled?.Name);
        var port = NatsServerProcess.FreePort();
        await ctl.PutConfigAsync("pulled-http", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" });
        await ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "pulled_http", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id });
        await ctl.PutLinkAsync(new Link { SourceId = "pulled_http", Target = "pulled", WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = ["pulled-http"] });
        Assert.Equal("Hello from wasmCloud for .NET! GET /oci\n", await Serving.GetAsync(http, $"http://127.0.0.1:{port}/oci"));
        var inventory = await ctl.GetHostInventoryAsync(host.Id);
        Assert.Equal(reference, Assert.Single(inventory.Response!.Components).ImageRef);

        // latest, spelt out or implied, is refused at once and nothing starts.
        foreach (var latest in new[] { $"{_registry.Address}/components/hello:latest", $"{_registry.Address}/components/hello" })
        {
            var refused = await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = latest, ComponentId = "latest_hello", HostId = host.Id, Count = 1 });
            Assert.False(refused.Success);
            Assert.Contains("fetching images tagged 'latest' is currently prohibited in this host", refused.Message);
        }

        // A registry that is not there, and a tag that is not there, fail the scale with an event saying so.
        var nowhere = $"127.0.0.1:{NatsServerProcess.FreePort()}/components/hello:0.1.0";
        Assert.True((await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = nowhere, ComponentId = "unreachable", HostId = host.Id, Count = 1 })).Success);
        var unreachable = await events.WaitForAsync(e => e.Name == EventNames.ComponentScaleFailed && StartedId(e) == "unreachable", TimeSpan.FromSeconds(30));
        Assert.Contains("could not reach the registry", unreachable!.Data.GetProperty("error").GetString());
        Assert.True((await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = $"{_registry.Address}/components/hello:9.9.9", ComponentId = "untagged", HostId = host.Id, Count = 1 })).Success);
        var missing = await events.WaitForAsync(e => e.Name == EventNames.ComponentScaleFailed && StartedId(e) == "untagged", TimeSpan.FromSeconds(30));
        Assert.Contains("was not found in the registry", missing!.Data.GetProperty("error").GetString());
        Assert.Single((await ctl.GetHostInventoryAsync(host.Id)).Response!.Components);
    }

    private static string? StartedId(CloudEvent e) => e.Data.GetProperty("component_id").GetString();
}
