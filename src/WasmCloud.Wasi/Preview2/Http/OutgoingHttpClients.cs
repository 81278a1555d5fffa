using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// The HTTP clients that send guests' outgoing requests: each pools its connections, leaves redirects, cookies and
/// decompression to the guest, and honours a request's <c>connect-timeout</c> (a connection not made in time is
/// <c>connection-timeout</c>). An embedder makes its own for its own certificate rules.
/// </summary>
public static class OutgoingHttpClients
{
    /// <summary>A request's <c>connect-timeout</c>, which the clients made here honour.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> ConnectTimeout = new("wasi-connect-timeout");

    /// <summary>A request's <c>first-byte-timeout</c> (the sender applies it; a client that forwards the request passes it on).</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> FirstByteTimeout = new("wasi-first-byte-timeout");

    /// <summary>wasi:http's durations (nanoseconds) as .NET's, at its 100 ns resolution.</summary>
    public static TimeSpan FromNanoseconds(ulong nanoseconds) => TimeSpan.FromTicks((long)Math.Min(nanoseconds / 100, long.MaxValue));

    /// <summary>The client for guests whose embedder gives none: the machine's trusted roots.</summary>
    public static HttpMessageInvoker Shared { get; } = Create(null);

    /// <summary>A client that trusts a server's certificate as <paramref name="validate"/> says (null: the machine's roots).</summary>
    public static HttpMessageInvoker Create(RemoteCertificateValidationCallback? validate)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = ConnectAsync,
        };
        if (validate is not null) handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validate };
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var limited = context.InitialRequestMessage.Options.TryGetValue(ConnectTimeout, out var timeout);
        if (limited) deadline.CancelAfter(timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, deadline.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (limited && !cancel.IsCancellationRequested)
        {
            socket.Dispose();
            throw new HttpErrorException(ErrorCode.Case("connection-timeout"));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
