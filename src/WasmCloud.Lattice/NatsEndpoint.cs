using NATS.Client.Core;

namespace WasmCloud.Lattice;

/// <summary>
/// Where and how to reach a NATS server, as wasmCloud's flags describe a connection (host, port, JWT and seed
/// or a creds file, TLS), turned into the options of NATS.Net.
/// </summary>
public sealed record NatsEndpoint
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 4222;
    public string? Jwt { get; set; }
    public string? Seed { get; set; }
    public string? CredsFile { get; set; }
    public bool Tls { get; set; }
    public string? TlsCaFile { get; set; }

    /// <summary>The server's URL (<c>nats://host:port</c>, or <c>tls://</c>), as the host reports it in ping replies.</summary>
    public string Url => $"{(Tls ? "tls" : "nats")}://{(Host.Contains(':') && !Host.StartsWith('[') ? $"[{Host}]" : Host)}:{Port}";

    public NatsOpts Options(string name) => NatsOpts.Default with
    {
        Url = Url,
        Name = name,
        AuthOpts = NatsAuthOpts.Default with { Jwt = Jwt, Seed = Seed, CredsFile = CredsFile },
        TlsOpts = Tls || TlsCaFile is not null
            ? NatsTlsOpts.Default with { Mode = TlsMode.Require, CaFile = TlsCaFile }
            : NatsTlsOpts.Default,
        // The lattice must keep working across a NATS restart: reconnect for as long as it takes.
        MaxReconnectRetry = -1,
    };

    /// <summary>Reads <c>host:port</c> or a <c>nats://</c> URL.</summary>
    public static NatsEndpoint Parse(string address)
    {
        var text = address.Contains("://", StringComparison.Ordinal) ? address : "nats://" + address;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new FormatException($"`{address}` is not a NATS address (host:port or nats://host:port)");
        return new NatsEndpoint { Host = uri.Host.Trim('[', ']'), Port = uri.Port > 0 ? uri.Port : 4222, Tls = uri.Scheme == "tls" };
    }
}
