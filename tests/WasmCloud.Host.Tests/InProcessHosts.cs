using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Tests;

/// <summary>A real nats-server, a ctl client, and as many hosts in this process as a test starts; all stopped after it.</summary>
public abstract class InProcessHosts : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    protected InProcessLattice Lattice { get; private set; } = null!;
    protected NatsConnection Client { get; private set; } = null!;
    protected CtlClient Ctl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Lattice = await InProcessLattice.StartAsync();
        Client = new NatsConnection(new NatsOpts { Url = Lattice.Nats.Url });
        Ctl = new CtlClient(Client, new Subjects("default")) { Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
        await Client.DisposeAsync();
        await Lattice.DisposeAsync();
    }

    /// <summary>Stopped (in the reverse order of starting) after the test.</summary>
    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    protected async Task<LatticeHost> StartHostAsync(HostOptions? options = null) =>
        Own(await LatticeHost.StartAsync(options ?? Lattice.Options, NullLoggerFactory.Instance));

    /// <summary>Scales a component on one host and waits until that host says it did.</summary>
    protected async Task ScaleComponentAsync(LatticeHost host, string id, string reference, uint count, Dictionary<string, string>? annotations = null)
    {
        await using var events = await Ctl.WatchEventsAsync();
        Assert.True((await Ctl.ScaleComponentAsync(new ScaleComponentCommand
        {
            ComponentRef = reference, ComponentId = id, HostId = host.Id, Count = count, Annotations = annotations,
        })).Success);
        var outcome = await events.WaitForAsync(e => e.Source == host.Id && e.Data.GetProperty("component_id").GetString() == id && e.Name.StartsWith("component_scale"), TimeSpan.FromSeconds(60));
        Assert.True(outcome?.Name == "component_scaled", $"{id} did not scale: {outcome?.Name} {outcome?.Data}");
    }

    /// <summary>Starts a provider on one host and waits until that host says it did.</summary>
    protected async Task StartProviderAsync(LatticeHost host, string id, string reference)
    {
        await using var events = await Ctl.WatchEventsAsync();
        Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand { ProviderId = id, ProviderRef = reference, HostId = host.Id })).Success);
        var outcome = await events.WaitForAsync(e => e.Source == host.Id && e.Data.GetProperty("provider_id").GetString() == id && e.Name.StartsWith("provider_start"), TimeSpan.FromSeconds(30));
        Assert.True(outcome?.Name == "provider_started", $"{id} did not start: {outcome?.Name} {outcome?.Data}");
    }

    /// <summary>
    /// The two links of a messaging component, as manifests write them: from the provider to the component
    /// (interface handler, with its source config) and from the component to the provider (consumer, with its target config).
    /// </summary>
    protected async Task LinkMessagingAsync(string provider, string component, List<string> handlerConfig, List<string>? consumerConfig = null)
    {
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = provider, Target = component, WitNamespace = "wasmcloud", WitPackage = "messaging", Interfaces = ["handler"], SourceConfig = handlerConfig,
        })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = component, Target = provider, WitNamespace = "wasmcloud", WitPackage = "messaging", Interfaces = ["consumer"], TargetConfig = consumerConfig ?? [],
        })).Success);
    }
}
