using System.Security.Cryptography.X509Certificates;
using NATS.Client.Core;
using WasmCloud.Lattice;

namespace WasmCloud.Host.Capabilities;

/// <summary>
/// The NATS server a link's config names for a provider, with upstream's keys: the addresses (<c>cluster_uri</c> for
/// key-value and blob storage, <c>cluster_uris</c> for messaging: one or more comma-separated <c>host:port</c>,
/// <c>nats://</c> or <c>tls://</c> addresses), <c>client_jwt</c> and <c>client_seed</c> (a user's JWT and NKey seed,
/// always both), <c>tls_ca</c> (a PEM certificate) or <c>tls_ca_file</c> (its path) to trust the server by, and
/// <c>custom_inbox_prefix</c>. A config that sets none of them means the host's own connection; credentials or a CA
/// without addresses mean the host's server reached with them.
/// </summary>
internal sealed record LinkNats(string? Uris, string? Jwt, string? Seed, string? TlsCa, string? TlsCaFile, string? InboxPrefix)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads the keys; a JWT without its seed (or the reverse) is a <see cref="FormatException"/> naming the missing key.</summary>
    public static LinkNats From(IReadOnlyDictionary<string, string> config, string urisKey)
    {
        var settings = new LinkNats(Get(config, urisKey), Get(config, "client_jwt"), Get(config, "client_seed"), Get(config, "tls_ca"),
            Get(config, "tls_ca_file"), Get(config, "custom_inbox_prefix"));
        if ((settings.Jwt is null) != (settings.Seed is null))
            throw new FormatException(settings.Jwt is null ? "`client_seed` is set without `client_jwt`: JWT authentication needs both" : "`client_jwt` is set without `client_seed`: JWT authentication needs both");
        return settings;
    }

    private static string? Get(IReadOnlyDictionary<string, string> config, string key) => LinkConfig.Get(config, key) is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>Whether the host's own connection serves (nothing in the config asks for another).</summary>
    public bool IsHostConnection => this is { Uris: null, Jwt: null, TlsCa: null, TlsCaFile: null, InboxPrefix: null };

    /// <summary>One connection per distinct setting (the seed and the CA stand in by their digests, so keys never carry the seed).</summary>
    public string Key => string.Join('|', Uris, Jwt, Digest(Seed), Digest(TlsCa), TlsCaFile, InboxPrefix);

    private static string? Digest(string? text) => text is null ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    public string Describe => Uris is null ? "the host's NATS server" : Redacted(Uris);

    private static string? UserInfo(string uris) => uris.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(u => Uri.TryCreate(u.Contains("://", StringComparison.Ordinal) ? u : "nats://" + u, UriKind.Absolute, out var uri) ? uri.UserInfo : "")
        .FirstOrDefault(info => info.Length > 0);

    /// <summary>The addresses without the credentials written into them, fit for messages and logs.</summary>
    private static string Redacted(string uris) => System.Text.RegularExpressions.Regex.Replace(uris, "(^|,|//)\\s*[^@,/]+@", "$1***@");

    /// <summary>
    /// A connection of the provider's own that reconnects for as long as it takes. A server that does not answer
    /// within 5 s (or refuses the credentials) is a <see cref="TimeoutException"/> naming it; a bad address or
    /// certificate a <see cref="FormatException"/>.
    /// </summary>
    public async Task<NatsConnection> ConnectAsync(string clientName, NatsEndpoint hostServer)
    {
        var uris = Uris ?? hostServer.Url;
        var endpoints = uris.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(NatsEndpoint.Parse).ToList();
        if (endpoints.Count == 0) throw new FormatException($"`{uris}` names no NATS server");
        var options = (Uris is null ? hostServer.Options(clientName) : endpoints[0].Options(clientName)) with
        {
            Url = string.Join(',', endpoints.Select(e => e.Url)),
        };
        if (Jwt is not null) options = options with { AuthOpts = NatsAuthOpts.Default with { Jwt = Jwt, Seed = Seed } };
        else if (UserInfo(uris) is { } info)
        {
            // Credentials written into the address, as upstream allows: user:password, or a token alone.
            var parts = Uri.UnescapeDataString(info).Split(':', 2);
            options = options with
            {
                AuthOpts = parts.Length == 2 ? NatsAuthOpts.Default with { Username = parts[0], Password = parts[1] } : NatsAuthOpts.Default with { Token = parts[0] },
            };
        }
        if (InboxPrefix is not null) options = options with { InboxPrefix = InboxPrefix };
        if (TrustedAuthority() is { } authority)
            options = options with
            {
                TlsOpts = NatsTlsOpts.Default with
                {
                    Mode = TlsMode.Require,
                    ConfigureClientAuthentication = client =>
                    {
                        client.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => TrustedRoots.Trust(authority, certificate, chain, errors);
                        return ValueTask.CompletedTask;
                    },
                },
            };
        var connection = new NatsConnection(options);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(ConnectTimeout);
            return connection;
        }
        catch (Exception e) when (e is NatsException or TimeoutException or System.Security.Authentication.AuthenticationException)
        {
            await connection.DisposeAsync();
            throw new TimeoutException($"cannot reach NATS at {Redacted(uris)}: {Innermost(e).Message}", e);
        }
    }

    private X509Certificate2Collection? TrustedAuthority() =>
        TlsCa is not null ? TrustedRoots.FromPem(TlsCa, "`tls_ca`") : TlsCaFile is null ? null : TrustedRoots.FromPemFile(TlsCaFile, "tls_ca_file");

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
