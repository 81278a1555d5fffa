using System.Net;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>How <see cref="HttpComponentServer"/> serves a component.</summary>
public sealed record HttpServerOptions
{
    /// <summary>Where to listen; port 0 picks a free port (see <see cref="HttpComponentServer.Address"/>).</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 8000);

    /// <summary>How long the guest may run for one request; past it the request fails (500, or an aborted response).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Limits of each request's store: a guest that grows past them fails that request only.</summary>
    public StoreLimits Limits { get; init; } = new() { MaxMemoryPages = 4096 };

    /// <summary>The WASI configuration each request's guest sees (environment, preopens, where its stdout goes).</summary>
    public Func<WasiConfiguration> Configuration { get; init; } = () => new WasiConfiguration();

    /// <summary>
    /// How many requests one instance may serve: 1 (the default) gives every request a fresh instance; more keeps
    /// an instance that answered cleanly warm for the next request (a trap or timeout discards it at once), at the
    /// cost of state carried from one request to the next.
    /// </summary>
    public int MaxInvocations { get; init; } = 1;

    /// <summary>The hosts the guest may reach through wasi:http/outgoing-handler.</summary>
    public IReadOnlySet<string> AllowedHttpHosts { get; init; } = new HashSet<string>();

    /// <summary>The pool of <paramref name="component"/>'s instances these options describe (limits, timeout, WASI context, reuse).</summary>
    public InstancePool Instances(Components.Runtime.ComponentPre component) => new(component,
        () => new WasiContext(Configuration()) { AllowedHttpHosts = AllowedHttpHosts },
        context => new Store(component.Component.Engine, Limits) { Data = context, CallTimeout = RequestTimeout },
        MaxInvocations);
}
