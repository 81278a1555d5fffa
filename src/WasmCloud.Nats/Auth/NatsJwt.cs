using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace WasmCloud.Nats.Auth;

/// <summary>
/// Issues NATS JWTs (version 2): the operator → account → user chain that an operator-mode server trusts,
/// and that wasmCloud also uses for its own claims.
/// </summary>
public static class NatsJwt
{
    private const string Header = """{"typ":"JWT","alg":"ed25519-nkey"}""";

    /// <summary>
    /// Signs <paramref name="claims"/> for <paramref name="subject"/>: <c>nats</c> holds the kind-specific part
    /// (its <c>type</c> and <c>version</c> are filled in). The <c>jti</c> is the base32 SHA-256 of the claims without it.
    /// </summary>
    public static string Issue(NKeyPair issuer, string subject, string name, string type, JsonObject? nats = null)
    {
        nats ??= [];
        nats["type"] = type;
        nats["version"] = 2;
        var claims = new JsonObject
        {
            ["jti"] = "",
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["iss"] = issuer.PublicKey,
            ["name"] = name,
            ["sub"] = subject,
            ["nats"] = nats,
        };
        claims["jti"] = Base32.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(claims.ToJsonString())));
        var signed = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        return $"{signed}.{Base64Url.EncodeToString(issuer.Sign(Encoding.ASCII.GetBytes(signed)))}";
    }

    /// <summary>Account limits meaning "no limit", which a JWT must spell out.</summary>
    public static JsonObject UnlimitedAccount() => new()
    {
        ["limits"] = new JsonObject
        {
            ["subs"] = -1, ["data"] = -1, ["payload"] = -1, ["imports"] = -1, ["exports"] = -1,
            ["wildcards"] = true, ["conn"] = -1, ["leaf"] = -1,
        },
    };

    /// <summary>User permissions and limits meaning "may do anything".</summary>
    public static JsonObject UnlimitedUser() => new()
    {
        ["pub"] = new JsonObject(), ["sub"] = new JsonObject(), ["subs"] = -1, ["data"] = -1, ["payload"] = -1,
    };
}
