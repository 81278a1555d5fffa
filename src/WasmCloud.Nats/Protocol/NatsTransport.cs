using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using WasmCloud.Nats.Auth;

namespace WasmCloud.Nats.Protocol;

/// <summary>One socket to one server, after a completed handshake: INFO read, TLS set up if asked for, CONNECT accepted.</summary>
internal sealed class NatsTransport : IAsyncDisposable
{
    private readonly Socket _socket;

    private NatsTransport(Socket socket, Stream stream, PipeReader reader, ServerInfo info, Uri server)
    {
        _socket = socket;
        Stream = stream;
        Reader = reader;
        Info = info;
        Server = server;
    }

    public Stream Stream { get; }
    public PipeReader Reader { get; }
    public ServerInfo Info { get; }
    public Uri Server { get; }

    public static async Task<NatsTransport> ConnectAsync(Uri server, NatsOptions options, ConnectRequestBuilder auth, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: false);
            var info = ParseInfo(await ReadInfoLineAsync(stream, timeout.Token).ConfigureAwait(false));

            bool tls = server.Scheme == "tls" || info.TlsRequired;
            if (tls)
                stream = await StartTlsAsync(stream, server.Host, options.TlsRootCertificates, timeout.Token).ConfigureAwait(false);

            var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
            var connect = JsonSerializer.SerializeToUtf8Bytes(auth.Build(info, server, tls), NatsJsonContext.Default.ConnectRequest);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("CONNECT "), timeout.Token).ConfigureAwait(false);
            await stream.WriteAsync(connect, timeout.Token).ConfigureAwait(false);
            await stream.WriteAsync("\r\nPING\r\n"u8.ToArray(), timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);

            info = await AwaitPongAsync(reader, info, timeout.Token).ConfigureAwait(false);
            return new NatsTransport(socket, stream, reader, info, server);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeAsync(socket, stream).ConfigureAwait(false);
            throw new NatsTimeoutException($"connection to {server}");
        }
        catch
        {
            await DisposeAsync(socket, stream).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the INFO line off the raw socket. The server says nothing more until CONNECT, so no bytes past it are lost to TLS.</summary>
    private static async Task<byte[]> ReadInfoLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new ArrayBufferWriter<byte>(1024);
        while (line.WrittenCount < 64 * 1024)
        {
            int read = await stream.ReadAsync(line.GetMemory(1024), cancellationToken).ConfigureAwait(false);
            if (read == 0) throw new IOException("server closed the connection before sending INFO");
            line.Advance(read);
            if (line.WrittenSpan.EndsWith("\r\n"u8)) return line.WrittenSpan.ToArray();
        }
        throw new NatsException("server INFO is too long");
    }

    private static ServerInfo ParseInfo(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd("\r\n"u8);
        if (!line.StartsWith("INFO "u8)) throw new NatsException($"expected INFO, got '{Encoding.UTF8.GetString(line)}'");
        return ParseInfoJson(line[5..]);
    }

    public static ServerInfo ParseInfoJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, NatsJsonContext.Default.ServerInfo) ?? throw new NatsException("empty INFO");

    private static async Task<Stream> StartTlsAsync(Stream plain, string host, X509Certificate2Collection? roots, CancellationToken cancellationToken)
    {
        var tls = new SslStream(plain, leaveInnerStreamOpen: false);
        var authentication = new SslClientAuthenticationOptions { TargetHost = host };
        if (roots is not null)
        {
            authentication.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust };
            authentication.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }
        await tls.AuthenticateAsClientAsync(authentication, cancellationToken).ConfigureAwait(false);
        return tls;
    }

    private static async Task<ServerInfo> AwaitPongAsync(PipeReader reader, ServerInfo info, CancellationToken cancellationToken)
    {
        var handshake = new HandshakeHandler(info);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (!handshake.Done && ProtocolParser.TryParse(ref buffer, handshake)) { }
            reader.AdvanceTo(buffer.Start, handshake.Done ? buffer.Start : result.Buffer.End);
            if (handshake.Error is { } error)
                throw error.Contains("authorization", StringComparison.OrdinalIgnoreCase) || error.Contains("authentication", StringComparison.OrdinalIgnoreCase)
                    ? new NatsAuthorizationException(error)
                    : new NatsException($"server refused the connection: {error}");
            if (handshake.Done) return handshake.Info;
            if (result.IsCompleted) throw new IOException("server closed the connection during the handshake");
        }
    }

    /// <summary>Waits for the PONG that proves CONNECT was accepted, or the -ERR that says why not.</summary>
    private sealed class HandshakeHandler(ServerInfo info) : IProtocolHandler
    {
        public ServerInfo Info { get; private set; } = info;
        public string? Error { get; private set; }
        public bool Done { get; private set; }

        public void OnPong() => Done = true;
        public void OnError(string message) => Error = message;
        public void OnInfo(ReadOnlySpan<byte> json) => Info = ParseInfoJson(json);
        public void OnPing() { }
        public void OnMessage(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, NatsHeaders? headers, in ReadOnlySequence<byte> payload) { }
    }

    private static async ValueTask DisposeAsync(Socket socket, Stream? stream)
    {
        if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.CompleteAsync().ConfigureAwait(false);
        await DisposeAsync(_socket, Stream).ConfigureAwait(false);
    }
}
