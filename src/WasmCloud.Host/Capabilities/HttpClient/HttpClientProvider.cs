using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using WasmCloud.Host.Providers;
using WasmCloud.Lattice.Control;
using WasmCloud.Wasi.Preview2.Http;

namespace WasmCloud.Host.Capabilities.HttpClient;

/// <summary>
/// The builtin <c>http-client</c> provider (also standing in for upstream's image): the target a component links
/// <c>wasi:http/outgoing-handler</c> to. A component on the provider's host makes its requests in its own process,
/// with no hop; one elsewhere sends them over wRPC (<see cref="HttpClientServer"/>). Either way the client trusts
/// servers as the provider's config says, with upstream's keys:
/// <c>load_native_certs</c> and <c>load_webpki_certs</c> (the machine's roots, which on Debian are Mozilla's; either
/// "true" keeps them, default both true) and <c>ssl_certs_file</c> (a PEM file of roots to trust besides; the
/// provider does not start without it). Our addition: <c>allowed_hosts</c> (comma-separated <c>host</c>,
/// <c>host:port</c>, <c>*.domain</c> or <c>*</c>; in the provider's config or the link's target config, the link's
/// winning) limits where requests may go; any other is <c>HTTP-request-denied</c>.
/// </summary>
internal sealed class HttpClientProvider : IHostedProvider
{
    public const string BuiltinName = "http-client";

    private readonly IReadOnlyDictionary<string, string> _config;
    private readonly HttpMessageInvoker _client;
    private readonly LatticeHost _host;
    private Wrpc.Transport.WrpcServer? _server;

    public HttpClientProvider(string id, string imageRef, Dictionary<string, string> annotations, IReadOnlyDictionary<string, string> config, LatticeHost host)
    {
        _host = host;
        Id = id;
        ImageRef = imageRef;
        Annotations = annotations;
        _config = config;
        var machineRoots = Flag("load_native_certs") || Flag("load_webpki_certs");
        var extraRoots = LinkConfig.Get(config, "ssl_certs_file") is { Length: > 0 } file ? TrustedRoots.FromPemFile(file, "ssl_certs_file") : [];
        _client = machineRoots && extraRoots.Count == 0
            ? OutgoingHttpClients.Shared
            : OutgoingHttpClients.Create((_, certificate, chain, errors) => (machineRoots && errors == SslPolicyErrors.None) || TrustedRoots.Trust(extraRoots, certificate, chain, errors));
    }

    public string Id { get; }
    public string ImageRef { get; }
    public string? Name => "HTTP Client (builtin)";
    public Dictionary<string, string> Annotations { get; }

    /// <summary>The client for a request to <paramref name="authority"/> under a link with this target config, or null when the hosts allowed exclude it.</summary>
    public HttpMessageInvoker? ClientFor(string authority, IReadOnlyDictionary<string, string> linkConfig)
    {
        var allowed = LinkConfig.Get(linkConfig, "allowed_hosts") ?? LinkConfig.Get(_config, "allowed_hosts");
        return allowed is null || Allows(allowed, authority) ? _client : null;
    }

    private static bool Allows(string allowed, string authority)
    {
        var host = authority.StartsWith('[') ? authority[..(authority.IndexOf(']') + 1)] : authority.Split(':')[0];
        foreach (var pattern in allowed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (pattern == "*" || pattern.Equals(authority, StringComparison.OrdinalIgnoreCase) || pattern.Equals(host, StringComparison.OrdinalIgnoreCase)) return true;
            if (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private bool Flag(string key) => LinkConfig.Get(_config, key) is not { } value || value == "true";

    /// <summary>Serves <c>wrpc:http/outgoing-handler@0.1.0</c>, so components on other hosts send their requests through this provider.</summary>
    public async Task StartAsync(CancellationToken cancel) => _server = await HttpClientServer.StartAsync(_host, this, cancel);

    /// <summary>Links come from components to this provider; it is the source of none.</summary>
    public Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel) => Task.CompletedTask;

    public HealthCheckResponse Health() => new() { Healthy = true, Message = "" };

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_client != OutgoingHttpClients.Shared) _client.Dispose();
    }
}
