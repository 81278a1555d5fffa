using System.Buffers.Text;
using System.Text;
using WasmCloud.Nats.Protocol;

namespace WasmCloud.Nats.Auth;

/// <summary>Fills the CONNECT request with whichever credentials the options (or the server URL) carry.</summary>
internal sealed class ConnectRequestBuilder(NatsOptions options)
{
    // Read once: a creds file rarely changes while the process runs, and reconnects must not hit the disk.
    private readonly NatsCredentials? _credentials = options.CredentialsFile is { } path ? NatsCredentials.Load(path) : null;

    public ConnectRequest Build(ServerInfo info, Uri server, bool tls)
    {
        var request = new ConnectRequest
        {
            Name = options.Name,
            Echo = options.Echo,
            TlsRequired = tls,
            User = options.User,
            Pass = options.Password,
            AuthToken = options.Token,
        };
        request = WithUrlCredentials(request, server);

        if (_credentials is not null)
            return request with { Jwt = _credentials.Jwt, Sig = SignNonce(_credentials.Seed, info) };
        if (options.NKeySeed is { } seed)
            return request with { Nkey = NKeyPair.FromSeed(seed).PublicKey, Sig = SignNonce(seed, info) };
        return request;
    }

    /// <summary><c>nats://user:pass@host</c> or <c>nats://token@host</c>.</summary>
    private static ConnectRequest WithUrlCredentials(ConnectRequest request, Uri server)
    {
        if (server.UserInfo.Length == 0) return request;
        var parts = server.UserInfo.Split(':', 2);
        return parts.Length == 2
            ? request with { User = Uri.UnescapeDataString(parts[0]), Pass = Uri.UnescapeDataString(parts[1]) }
            : request with { AuthToken = Uri.UnescapeDataString(parts[0]) };
    }

    private static string SignNonce(string seed, ServerInfo info)
    {
        var nonce = info.Nonce ?? throw new NatsException("server sent no nonce to sign; is NKey/JWT auth configured on it?");
        return Base64Url.EncodeToString(NKeyPair.FromSeed(seed).Sign(Encoding.ASCII.GetBytes(nonce)));
    }
}
