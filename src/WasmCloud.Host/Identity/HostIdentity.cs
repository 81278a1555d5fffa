using NATS.NKeys;

namespace WasmCloud.Host.Identity;

/// <summary>
/// Who a host is: its ID is the public key of an nkey server pair (<c>N…</c>, from <c>--host-seed</c> or made
/// fresh), a friendly name, and a curve (xkey) pair that secrets will be sealed to.
/// </summary>
internal sealed class HostIdentity : IDisposable
{
    private HostIdentity(KeyPair key, KeyPair xkey, string friendlyName)
    {
        Key = key;
        Xkey = xkey;
        FriendlyName = friendlyName;
        Id = key.GetPublicKey();
        XkeyPublic = xkey.GetPublicKey();
    }

    public string Id { get; }
    public string FriendlyName { get; }
    public string XkeyPublic { get; }
    public KeyPair Key { get; }
    public KeyPair Xkey { get; }

    /// <summary>The identity for <paramref name="seed"/> (an <c>SN…</c> server seed), or a new one; a seed of another kind is refused.</summary>
    public static HostIdentity Create(string? seed)
    {
        KeyPair key;
        if (string.IsNullOrEmpty(seed))
        {
            key = KeyPair.CreatePair(PrefixByte.Server);
        }
        else
        {
            try
            {
                key = KeyPair.FromSeed(seed);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new HostConfigurationException($"--host-seed is not an nkey seed: {e.Message}");
            }
            if (key.Prefix != PrefixByte.Server)
                throw new HostConfigurationException($"--host-seed must be a server seed (SN…), not a {key.Prefix} seed");
        }
        return new HostIdentity(key, KeyPair.CreatePair(PrefixByte.Curve), Identity.FriendlyName.Generate());
    }

    public void Dispose()
    {
        Key.Dispose();
        Xkey.Dispose();
    }
}
