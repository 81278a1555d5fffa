using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using NATS.NKeys;

namespace WasmCloud.Host.Tests;

/// <summary>
/// A nats-server as production runs one: decentralised JWT authentication (an operator, one account preloaded, a
/// user whose JWT and seed are the only way in) and TLS with a certificate from a private authority. The JWTs are
/// NATS's own format (<c>ed25519-nkey</c>, claims <c>nats.type</c> operator/account/user, version 2).
/// </summary>
internal sealed class SecuredNatsServer : IAsyncDisposable
{
    private SecuredNatsServer(NatsServerProcess server, string userJwt, string userSeed, string authorityPem)
    {
        Server = server;
        UserJwt = userJwt;
        UserSeed = userSeed;
        AuthorityPem = authorityPem;
    }

    public NatsServerProcess Server { get; }
    public string UserJwt { get; }
    public string UserSeed { get; }
    public string AuthorityPem { get; }
    public string Url => $"tls://127.0.0.1:{Server.Port}";

    public static async Task<SecuredNatsServer> StartAsync()
    {
        var operatorKey = KeyPair.CreatePair(PrefixByte.Operator);
        var accountKey = KeyPair.CreatePair(PrefixByte.Account);
        var userKey = KeyPair.CreatePair(PrefixByte.User);
        var operatorJwt = Jwt(operatorKey, operatorKey.GetPublicKey(), "test-operator", new { type = "operator", version = 2 });
        var unlimited = new { subs = -1, data = -1, payload = -1, imports = -1, exports = -1, wildcards = true, conn = -1, leaf = -1 };
        var accountJwt = Jwt(operatorKey, accountKey.GetPublicKey(), "test-account", new { type = "account", version = 2, limits = unlimited });
        var userJwt = Jwt(accountKey, userKey.GetPublicKey(), "test-user", new { type = "user", version = 2, pub = new { }, sub = new { }, subs = -1, data = -1, payload = -1 });

        using var authority = new TestAuthority();
        using var serverCertificate = authority.IssueForLoopback();

        var server = await NatsServerProcess.StartAsync(directory =>
        {
            File.WriteAllText(Path.Combine(directory, "server.pem"), serverCertificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(directory, "server-key.pem"), serverCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            return $$"""
                operator: {{operatorJwt}}
                resolver: MEMORY
                resolver_preload: { {{accountKey.GetPublicKey()}}: {{accountJwt}} }
                tls { cert_file: "{{Path.Combine(directory, "server.pem")}}", key_file: "{{Path.Combine(directory, "server-key.pem")}}" }
                """;
        });
        return new SecuredNatsServer(server, userJwt, userKey.GetSeed(), authority.Pem);
    }

    private static string Jwt(KeyPair issuer, string subject, string name, object nats)
    {
        var header = Base64Url("""{"typ":"JWT","alg":"ed25519-nkey"}"""u8.ToArray());
        var claims = new Dictionary<string, object>
        {
            ["jti"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["iss"] = issuer.GetPublicKey(),
            ["name"] = name,
            ["sub"] = subject,
            ["nats"] = nats,
        };
        var signed = $"{header}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var signature = new byte[64];
        issuer.Sign(Encoding.ASCII.GetBytes(signed), signature);
        return $"{signed}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
