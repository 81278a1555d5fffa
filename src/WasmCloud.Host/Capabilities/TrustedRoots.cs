using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace WasmCloud.Host.Capabilities;

/// <summary>
/// Whether a server's certificate chains to one of a provider's own roots (a private authority given in its
/// config) and names the server. Revocation is not checked: a private authority publishes no lists.
/// </summary>
internal static class TrustedRoots
{
    public static bool Trust(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (roots.Count == 0 || certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // The intermediates the server sent along.
        if (presented is not null) foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    /// <summary>Every certificate of a PEM file; a file that cannot be read or holds none is a <see cref="FormatException"/> naming <paramref name="key"/>.</summary>
    public static X509Certificate2Collection FromPemFile(string path, string key)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"cannot read `{key}` {path}: {e.Message}");
        }
        return FromPem(pem, $"`{key}` {path}");
    }

    /// <summary>Every certificate of a PEM text; none is a <see cref="FormatException"/> naming <paramref name="source"/>.</summary>
    public static X509Certificate2Collection FromPem(string pem, string source)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new FormatException($"{source} is not PEM certificates: {e.Message}");
        }
        if (certificates.Count == 0) throw new FormatException($"{source} holds no PEM certificate");
        return certificates;
    }
}
