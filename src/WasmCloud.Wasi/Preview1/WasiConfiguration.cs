namespace WasmCloud.Wasi.Preview1;

/// <summary>A directory the guest may use, and the path it sees it under.</summary>
public sealed record Preopen(string HostPath, string GuestPath);

/// <summary>What a guest sees of the world: arguments, environment, standard streams, directories, and (WASI 0.2) the network it may use.</summary>
public sealed class WasiConfiguration
{
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];
    public IReadOnlyList<Preopen> Preopens { get; init; } = [];
    public Stream StandardInput { get; init; } = Stream.Null;
    public Stream StandardOutput { get; init; } = Stream.Null;
    public Stream StandardError { get; init; } = Stream.Null;

    /// <summary>What a WASI 0.2 guest's wasi:sockets may bind, connect and send to, and whether it may look names up: nothing unless allowed.</summary>
    public Preview2.Sockets.SocketPolicy Sockets { get; init; } = Preview2.Sockets.SocketPolicy.DenyAll;

    /// <summary>
    /// The client that sends a WASI 0.2 guest's outgoing request to an authority (<c>host</c> or <c>host:port</c>)
    /// beyond the context's allowed hosts, asked at each request; null denies it (the wasmCloud host answers from the
    /// guest's link to an http-client provider and that provider's settings).
    /// </summary>
    public Func<string, HttpMessageInvoker?>? HttpClientFor { get; init; }

    /// <summary>
    /// The embedder's own state for this guest, which its host functions reach through the caller's store (the
    /// wasmCloud host keeps an invocation's link names here). WASI does not look at it.
    /// </summary>
    public object? Embedder { get; init; }
}
