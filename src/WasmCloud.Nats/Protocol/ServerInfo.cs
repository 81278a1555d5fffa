namespace WasmCloud.Nats.Protocol;

/// <summary>The server's INFO: sent on connect and again whenever the cluster changes.</summary>
public sealed record ServerInfo
{
    public string ServerId { get; init; } = "";
    public string? ServerName { get; init; }
    public string Version { get; init; } = "";
    public int Proto { get; init; }
    public bool Headers { get; init; }
    public bool AuthRequired { get; init; }
    public bool TlsRequired { get; init; }
    public long MaxPayload { get; init; } = 1024 * 1024;
    public string[]? ConnectUrls { get; init; }
    public string? Nonce { get; init; }
    public bool JetStream { get; init; }
    public string? Cluster { get; init; }
}

/// <summary>The CONNECT options the client sends; null members are left out.</summary>
internal sealed record ConnectRequest
{
    public bool Verbose { get; init; }
    public bool Pedantic { get; init; }
    public bool TlsRequired { get; init; }
    public string? Name { get; init; }
    public string Lang { get; init; } = ".NET";
    public string Version { get; init; } = "0.1.0";
    public int Protocol { get; init; } = 1;
    public bool Echo { get; init; } = true;
    public bool Headers { get; init; } = true;
    public bool NoResponders { get; init; } = true;
    public string? User { get; init; }
    public string? Pass { get; init; }
    public string? AuthToken { get; init; }
    public string? Jwt { get; init; }
    public string? Nkey { get; init; }
    public string? Sig { get; init; }
}
