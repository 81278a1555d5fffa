using System.Security.Cryptography.X509Certificates;

namespace WasmCloud.Nats;

/// <summary>Everything a <see cref="NatsConnection"/> needs to find, authenticate to and stay connected with a NATS cluster.</summary>
public sealed record NatsOptions
{
    /// <summary>Seed servers, e.g. <c>nats://127.0.0.1:4222</c> or <c>tls://host:4443</c>. Servers announced by the cluster are added at run time.</summary>
    public IReadOnlyList<string> Servers { get; init; } = ["nats://127.0.0.1:4222"];

    /// <summary>Client name shown by the server's monitoring endpoints.</summary>
    public string? Name { get; init; }

    public string? User { get; init; }
    public string? Password { get; init; }
    public string? Token { get; init; }

    /// <summary>An NKey user seed (<c>SU...</c>); the server nonce is signed with it.</summary>
    public string? NKeySeed { get; init; }

    /// <summary>Path of a <c>.creds</c> file holding a user JWT and its NKey seed.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary>Whether this connection receives the messages it publishes itself.</summary>
    public bool Echo { get; init; } = true;

    /// <summary>Certificate authorities that a <c>tls://</c> server certificate must chain to; null means the system store.</summary>
    public X509Certificate2Collection? TlsRootCertificates { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the client pings an idle server; after <see cref="MaxPingsOutstanding"/> unanswered pings the connection is considered dead.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMinutes(2);
    public int MaxPingsOutstanding { get; init; } = 2;

    public bool AllowReconnect { get; init; } = true;

    /// <summary>Pause after a full pass over all known servers failed; grows with each pass up to <see cref="MaxReconnectWait"/>.</summary>
    public TimeSpan ReconnectWait { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxReconnectWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Random extra delay added to each back-off so that many clients do not reconnect in lock step.</summary>
    public TimeSpan ReconnectJitter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Passes over the server list before giving up; negative means never give up.</summary>
    public int MaxReconnectAttempts { get; init; } = -1;

    /// <summary>Bytes of outgoing commands kept while disconnected; a publish beyond it fails with <see cref="NatsReconnectBufferFullException"/>.</summary>
    public int ReconnectBufferSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Bytes of outgoing commands queued while connected before publishers wait for the socket.</summary>
    public int WriteBufferHighWater { get; init; } = 4 * 1024 * 1024;

    /// <summary>Messages a subscription holds before newer ones are dropped and counted as a slow consumer.</summary>
    public int SubscriptionCapacity { get; init; } = 64 * 1024;

    /// <summary>Visit servers in the given order instead of shuffling them.</summary>
    public bool NoRandomize { get; init; }

    public string InboxPrefix { get; init; } = "_INBOX";
}
