using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using WasmCloud.Host.Components;
using WasmCloud.Host.Ctl;
using WasmCloud.Host.Identity;
using WasmCloud.Host.Policy;
using WasmCloud.Host.Providers;
using WasmCloud.Host.State;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host;

/// <summary>
/// A wasmCloud host on a NATS lattice: it joins the lattice over its ctl and rpc connections, mirrors the
/// lattice's links and config, answers the control interface, runs components and providers, and announces
/// what it does as lattice events, a heartbeat among them, until it is stopped (by <see cref="StopAsync"/>
/// or a <c>host.stop</c> request).
/// </summary>
public sealed class LatticeHost : IAsyncDisposable
{
    private readonly HostIdentity _identity;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly HttpClient _http = new();
    private CtlServer? _ctlServer;
    private Task _heartbeat = Task.CompletedTask;
    private AdminServer? _admin;
    private int _stopRequested;

    private LatticeHost(HostOptions options, HostIdentity identity, NatsConnection ctl, NatsConnection rpc, ILogger log)
    {
        Options = options;
        _identity = identity;
        Ctl = ctl;
        Rpc = rpc;
        Log = log;
        Subjects = new Subjects(options.Lattice, options.CtlTopicPrefix);
        Events = new EventPublisher(ctl, Subjects, identity.Id, log);
        Runtime = new ComponentRuntime(options, log);
        Fetcher = new ArtifactFetcher(options, _http);
        Components = new ComponentSupervisor(this);
        Links = new LinkRouter(this);
        HttpForwarder = new Http.WrpcHttpForwarder(this);
        RemoteHttpClients = new Http.RemoteHttpClients(this);
        Providers = new ProviderSupervisor(this);
        Messaging = new Capabilities.Messaging.MessagingInterfaces(this, Runtime.Wasi);
        KeyValue = new Capabilities.KeyValue.KeyValueInterfaces(this, Runtime.Wasi);
        Capabilities = [KeyValue, new Capabilities.Blobstore.BlobstoreInterfaces(this, Runtime.Wasi),
            new Capabilities.Sql.PostgresInterfaces(this), Messaging];
        Labels = new ConcurrentDictionary<string, string>(BuiltinLabels().Concat(options.Labels), StringComparer.Ordinal);
    }

    public string Id => _identity.Id;
    public string FriendlyName => _identity.FriendlyName;

    /// <summary>Completes once the host has stopped, however it was asked to.</summary>
    public Task Stopped => _stopped.Task;

    internal HostOptions Options { get; }
    internal NatsConnection Ctl { get; }
    internal NatsConnection Rpc { get; }
    internal ILogger Log { get; }
    internal Subjects Subjects { get; }
    internal EventPublisher Events { get; }
    internal ComponentRuntime Runtime { get; }
    internal ArtifactFetcher Fetcher { get; }
    internal ComponentSupervisor Components { get; }
    internal LinkRouter Links { get; }
    internal Http.WrpcHttpForwarder HttpForwarder { get; }

    /// <summary>The clients that send components' outgoing HTTP to http-client providers on other hosts.</summary>
    internal Http.RemoteHttpClients RemoteHttpClients { get; }
    internal ProviderSupervisor Providers { get; }
    /// <summary>The capability interfaces every component's imports may bind to.</summary>
    internal IReadOnlyList<Capabilities.ICapabilityInterfaces> Capabilities { get; }

    /// <summary>wasi:keyvalue, whose bucket resources the host also hands to watchers.</summary>
    internal Capabilities.KeyValue.KeyValueInterfaces KeyValue { get; }

    /// <summary>wasmcloud:messaging@0.3.0, whose message resources the host also hands to handlers.</summary>
    internal Capabilities.Messaging.MessagingInterfaces Messaging { get; }
    internal LatticeState State { get; private set; } = null!;
    internal IHostPolicy Policy { get; } = new AllowAllPolicy();
    internal ConcurrentDictionary<string, string> Labels { get; }
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Connects, reads the lattice's links and config, subscribes to the control interface and announces the
    /// host with <c>host_started</c>. A NATS server that cannot be reached fails the start with a message saying so.
    /// </summary>
    public static async Task<LatticeHost> StartAsync(HostOptions options, ILoggerFactory loggers, CancellationToken cancel = default)
    {
        var identity = HostIdentity.Create(options.HostSeed);
        var log = loggers.CreateLogger("wasmcloud");
        var ctl = new NatsConnection(options.Ctl.Options($"wasmcloud-ctl {identity.Id}"));
        var rpc = new NatsConnection(options.Rpc.Options($"wasmcloud-rpc {identity.Id}"));
        var host = new LatticeHost(options, identity, ctl, rpc, log);
        try
        {
            await Connect(ctl, options.Ctl, "ctl", cancel);
            await Connect(rpc, options.Rpc, "rpc", cancel);
            var js = new NatsJSContext(ctl, new NatsJSOpts(ctl.Opts, options.JsDomain));
            host.State = await LatticeState.OpenAsync(new NatsKVContext(js), options.Lattice, log, cancel);
            host.State.LinksChanged = host.Providers.RefreshLinksAsync;
            host.State.ConfigChanged = host.Providers.ConfigChangedAsync;
            host._ctlServer = new CtlServer(host);
            await host._ctlServer.StartAsync(cancel);
            if (options.HttpAdmin is { } admin) host._admin = await AdminServer.StartAsync(admin, () => ctl.ConnectionState == NatsConnectionState.Open);
            host._heartbeat = host.HeartbeatAsync();
            await host.Events.PublishAsync(EventNames.HostStarted, new HostStarted
            {
                FriendlyName = host.FriendlyName, Labels = host.LabelMap(), UptimeSeconds = 0, Version = options.Version,
            });
            log.LogInformation("wasmCloud host {Name} ({Id}) started in lattice {Lattice}", host.FriendlyName, host.Id, options.Lattice);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private static async Task Connect(NatsConnection connection, NatsEndpoint endpoint, string which, CancellationToken cancel)
    {
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancel);
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            throw new HostConfigurationException($"could not connect the {which} connection to NATS at {endpoint.Url}: {e.Message}");
        }
    }

    internal HostInfo Info() => new()
    {
        RpcHost = Options.Rpc.Url,
        CtlHost = Options.Ctl.Url,
        FriendlyName = FriendlyName,
        Id = Id,
        JsDomain = Options.JsDomain,
        Labels = LabelMap(),
        Lattice = Options.Lattice,
        UptimeHuman = Uptime.Human(UptimeSeconds),
        UptimeSeconds = UptimeSeconds,
        Version = Options.Version,
    };

    internal HostInventory Inventory() => new()
    {
        Components = Components.Running.Values.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Describe()).ToList(),
        Providers = Providers.Running.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => p.Describe()).ToList(),
        HostId = Id,
        FriendlyName = FriendlyName,
        Labels = LabelMap(),
        Version = Options.Version,
        UptimeHuman = Uptime.Human(UptimeSeconds),
        UptimeSeconds = UptimeSeconds,
    };

    private ulong UptimeSeconds => (ulong)Math.Max(0, (DateTimeOffset.UtcNow - _startedAt).TotalSeconds);

    internal Dictionary<string, string> LabelMap() => new(Labels.OrderBy(pair => pair.Key, StringComparer.Ordinal));

    /// <summary>Whether every constraint of an auction is one of this host's labels.</summary>
    internal bool MatchesConstraints(Dictionary<string, string> constraints) =>
        constraints.All(pair => Labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>A provider's HTTP request for one of its linked components: checked by policy, then served here if the component runs here.</summary>
    internal async Task InvokeHttpAsync(string sourceId, string targetId, HttpContext http)
    {
        var decision = await Policy.InvokeAsync(sourceId, targetId, "wasi:http/incoming-handler.handle", http.RequestAborted);
        if (!decision.Permitted)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync($"policy denied the invocation: {decision.Message}\n");
            return;
        }
        var request = KestrelExchange.Request(http);
        var responder = new KestrelExchange(http);
        // In process while the component has a free instance here; otherwise over wRPC, where every host running
        // it (this one included) takes its share from one queue group.
        Components.Running.TryGetValue(targetId, out var component);
        if (component is not null && component.TryServeHttpNow(request, responder, http.RequestAborted, out var serving))
        {
            await serving;
            return;
        }
        try
        {
            await HttpForwarder.ForwardAsync(sourceId, targetId, request, responder, http.RequestAborted);
        }
        catch (WrpcNotFoundException)
        {
            if (component is not null)
            {
                await component.ServeHttpAsync(request, responder, http.RequestAborted);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsync($"component {targetId} is not running on any host of lattice {Options.Lattice}\n");
        }
    }

    /// <summary>Stops the host soon, as <c>host.stop</c> asks: after the reply has gone out, and the given time for in-flight work.</summary>
    internal void RequestStop(TimeSpan? timeout) =>
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            await StopAsync(timeout);
        });

    /// <summary>
    /// Leaves the lattice: stops answering, stops providers (their listeners finish the requests in flight) and
    /// components, publishes <c>host_stopped</c>, and closes the connections.
    /// </summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 1)
        {
            await Stopped;
            return;
        }
        try
        {
            Log.LogInformation("wasmCloud host {Id} stopping", Id);
            await _stopping.CancelAsync();
            if (_ctlServer is not null) await _ctlServer.DisposeAsync();
            await _heartbeat.ContinueWith(_ => { }, TaskScheduler.Default);
            await Providers.StopAllAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
            await Components.DrainAsync().WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
            await Components.StopAllAsync();
            if (Ctl.ConnectionState == NatsConnectionState.Open)
            {
                await Events.PublishAsync(EventNames.HostStopped, new HostStopped { Labels = LabelMap() });
                await Ctl.PingAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            await DisposeResourcesAsync();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private async Task HeartbeatAsync()
    {
        // The first heartbeat comes one interval after the start, as upstream's does.
        using var timer = new PeriodicTimer(Options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(Stopping))
                await Events.PublishAsync(EventNames.HostHeartbeat, Inventory());
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> BuiltinLabels()
    {
        // The names upstream's hosts give (Rust's std::env::consts): x86_64/aarch64, linux/macos/windows, unix/windows.
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            Architecture.X86 => "x86",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsWindows() ? "windows" : "unknown";
        yield return new("hostcore.arch", arch);
        yield return new("hostcore.os", os);
        yield return new("hostcore.osfamily", OperatingSystem.IsWindows() ? "windows" : "unix");
    }

    private async Task DisposeResourcesAsync()
    {
        if (_admin is not null) await _admin.DisposeAsync();
        if (State is not null) await State.DisposeAsync();
        await Links.DisposeAsync();
        RemoteHttpClients.Dispose();
        await HttpForwarder.DisposeAsync();
        await Ctl.DisposeAsync();
        await Rpc.DisposeAsync();
        _http.Dispose();
        _identity.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_ctlServer is null && _stopRequested == 0)
        {
            // Never fully started: nothing was announced, so only the resources need closing.
            Interlocked.Exchange(ref _stopRequested, 1);
            await DisposeResourcesAsync();
            _stopped.TrySetResult();
            return;
        }
        await StopAsync();
    }
}
