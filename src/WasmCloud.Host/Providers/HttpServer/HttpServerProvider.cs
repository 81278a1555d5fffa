using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WasmCloud.Wasi.Preview2.Http;

namespace WasmCloud.Host.Providers.HttpServer;

/// <summary>
/// <c>wasmcloud+builtin://http-server</c>: serves HTTP to the components it is linked to (links from this
/// provider, interface <c>wasi:http/incoming-handler</c>), as upstream's http-server provider does. The
/// provider's own config picks the <c>routing_mode</c>: <c>address</c> (default; one listener per link, at the
/// link's source config <c>address</c>), <c>path</c> or <c>host</c> (one shared listener at <c>default_address</c>,
/// routing by the exact request path or the value of the <c>header</c> header, <c>host</c> by default, against the
/// link's <c>path</c> or <c>host</c>). Links are reconciled as a whole each time they change.
/// </summary>
internal sealed class HttpServerProvider : IHostedProvider
{
    public const string Reference = "wasmcloud+builtin://http-server";

    private const string DefaultAddress = "0.0.0.0:8000";

    private readonly Func<string, string, HttpContext, Task> _invoke;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RoutingMode _mode;
    private readonly IPEndPoint _defaultAddress;
    private readonly string _hostHeader;
    private readonly Dictionary<IPEndPoint, (KestrelListener Listener, string Target)> _byAddress = [];
    private KestrelListener? _shared;
    private volatile IReadOnlyDictionary<string, string> _routes = new Dictionary<string, string>();
    private volatile string? _problem;

    public HttpServerProvider(string id, string imageRef, Dictionary<string, string> annotations, IReadOnlyDictionary<string, string> config,
        Func<string, string, HttpContext, Task> invoke, ILogger log)
    {
        Id = id;
        ImageRef = imageRef;
        Annotations = annotations;
        _invoke = invoke;
        _log = log;
        _mode = (config.GetValueOrDefault("routing_mode") ?? "address").ToLowerInvariant() switch
        {
            "address" => RoutingMode.Address,
            "path" => RoutingMode.Path,
            "host" => RoutingMode.Host,
            var other => throw new HostConfigurationException($"routing_mode `{other}` is not one of address, path, host"),
        };
        _defaultAddress = ListenAddress.Parse(config.GetValueOrDefault("default_address") ?? DefaultAddress, "default_address");
        _hostHeader = config.GetValueOrDefault("header") ?? "host";
    }

    public string Id { get; }
    /// <summary>The reference it was started from, as given (the builtin's name or upstream's image).</summary>
    public string ImageRef { get; }
    public string? Name => "HTTP Server (builtin)";
    public Dictionary<string, string> Annotations { get; }

    /// <summary>Where each linked component is served, for logs and tests: address, path or host to component ID.</summary>
    public IReadOnlyDictionary<string, string> Routes => _mode == RoutingMode.Address
        ? _byAddress.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value.Target)
        : _routes;

    /// <summary>Healthy unless a link could not be served (an address in use, a route taken); the message says which.</summary>
    public WasmCloud.Lattice.Control.HealthCheckResponse Health() =>
        _problem is { } problem ? new() { Healthy = false, Message = problem } : new() { Healthy = true, Message = $"serving {Routes.Count} route(s)" };

    public async Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel)
    {
        var served = links.Where(l => l.Link is { WitNamespace: "wasi", WitPackage: "http" } && l.Link.Interfaces.Contains("incoming-handler")).ToList();
        await _gate.WaitAsync(cancel);
        try
        {
            _problem = null;
            if (_mode == RoutingMode.Address) await ReconcileAddressesAsync(served);
            else await ReconcileRoutesAsync(served);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReconcileAddressesAsync(List<ResolvedLink> links)
    {
        var wanted = new Dictionary<IPEndPoint, string>();
        foreach (var link in links)
        {
            IPEndPoint address;
            try
            {
                address = ListenAddress.Parse(link.SourceConfig.GetValueOrDefault("address") ?? _defaultAddress.ToString(), "address");
            }
            catch (FormatException e)
            {
                NotServed($"the link to {link.Link.Target} is not served: {e.Message}");
                continue;
            }
            if (wanted.TryGetValue(address, out var taken) && taken != link.Link.Target)
            {
                NotServed($"{address} already serves {taken}; the link to {link.Link.Target} is not served");
                continue;
            }
            wanted[address] = link.Link.Target;
        }
        foreach (var (address, (listener, target)) in _byAddress.ToList())
        {
            if (wanted.TryGetValue(address, out var stillWanted) && stillWanted == target) continue;
            _byAddress.Remove(address);
            await listener.DisposeAsync();
            _log.LogInformation("http-server {Provider}: stopped serving {Target} on {Address}", Id, target, address);
        }
        foreach (var (address, target) in wanted)
        {
            if (_byAddress.ContainsKey(address)) continue;
            try
            {
                var listener = await KestrelListener.StartAsync(address, http => ServeAsync(http, target));
                _byAddress[address] = (listener, target);
                _log.LogInformation("http-server {Provider}: serving {Target} on http://{Address}", Id, target, address);
            }
            catch (IOException e)
            {
                NotServed($"cannot listen on {address} for {target}: {e.Message}");
            }
        }
    }

    private async Task ReconcileRoutesAsync(List<ResolvedLink> links)
    {
        var key = _mode == RoutingMode.Path ? "path" : "host";
        var routes = new Dictionary<string, string>(_mode == RoutingMode.Host ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var link in links)
        {
            if (link.SourceConfig.GetValueOrDefault(key) is not { Length: > 0 } route)
            {
                NotServed($"the link to {link.Link.Target} has no `{key}` in its source config; it is not served");
                continue;
            }
            if (_mode == RoutingMode.Path && !route.StartsWith('/')) route = "/" + route;
            if (!routes.TryAdd(route, link.Link.Target) && routes[route] != link.Link.Target)
                NotServed($"{key} {route} already routes to {routes[route]}; the link to {link.Link.Target} is not served");
        }
        _routes = routes;
        if (routes.Count > 0 && _shared is null)
        {
            try
            {
                _shared = await KestrelListener.StartAsync(_defaultAddress, RouteAsync);
                _log.LogInformation("http-server {Provider}: routing by {Key} on http://{Address}", Id, key, _defaultAddress);
            }
            catch (IOException e)
            {
                NotServed($"cannot listen on {_defaultAddress}: {e.Message}");
            }
        }
        else if (routes.Count == 0 && _shared is not null)
        {
            await _shared.DisposeAsync();
            _shared = null;
        }
    }

    /// <summary>A link that cannot be served: logged, and the provider reports itself unhealthy with the reason until the links change.</summary>
    private void NotServed(string problem)
    {
        _log.LogError("http-server {Provider}: {Problem}", Id, problem);
        _problem = problem;
    }

    private Task RouteAsync(HttpContext http)
    {
        string? target;
        if (_mode == RoutingMode.Host)
        {
            // The header's whole value is the route, port included (Host: api.example.com:8000), as upstream matches it.
            if (http.Request.Headers[_hostHeader].FirstOrDefault() is not { Length: > 0 } host)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return http.Response.WriteAsync($"missing {_hostHeader} header\n");
            }
            _routes.TryGetValue(host, out target);
        }
        else
        {
            // Paths match exactly, without the query, as upstream's path router does.
            _routes.TryGetValue(http.Request.Path.Value is { Length: > 0 } path ? path : "/", out target);
        }
        if (target is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return ServeAsync(http, target);
    }

    private Task ServeAsync(HttpContext http, string target) => _invoke(Id, target, http);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            foreach (var (listener, _) in _byAddress.Values) await listener.DisposeAsync();
            _byAddress.Clear();
            if (_shared is not null) await _shared.DisposeAsync();
            _shared = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private enum RoutingMode
    {
        Address,
        Path,
        Host,
    }
}
