using System.Buffers;
using NATS.Client.Core;

namespace WasmCloud.Wrpc.Transport;

/// <summary>
/// The calling side of wRPC over NATS (transport-nats 0.29, as wasmCloud 1.9 ships it): subscribe the reply inbox
/// <c>Rc</c> and <c>Rc.results</c>, publish the encoded parameters (as much as fits) on the invocation subject with
/// reply <c>Rc</c>, wait for the server's empty handshake whose reply is its inbox <c>Rs</c>, send the rest of the
/// parameters to <c>Rs.params</c> and end them with an empty message, then read <c>Rc.results</c> to its empty end.
/// </summary>
public sealed class WrpcClient(INatsConnection nats) : IAsyncDisposable
{
    private readonly InboxMux _inboxes = new(nats);

    /// <summary>How long the handshake may take before the call fails (wasmCloud's <c>--rpc-timeout-ms</c>, default 2 s).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the results may take once the server has accepted.</summary>
    public TimeSpan ResultTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Invokes and returns the encoded results, once the empty message that ends them has come; failures are <see cref="WrpcException"/>s that say which.</summary>
    public async Task<byte[]> InvokeAsync(string subject, ReadOnlyMemory<byte> parameters, NatsHeaders? headers = null, CancellationToken cancel = default)
    {
        using var call = await OpenWholeAsync(subject, parameters, headers, cancel);
        return (await call.ReadEncodedResultsAsync(null, cancel)).Results.WrittenMemory.ToArray();
    }

    /// <summary>
    /// Invokes and returns the results as <paramref name="decodeResults"/> reads them (it throws a
    /// <see cref="WrpcDecodeException"/> for bytes that are not a whole encoding of the function's results). They are
    /// decoded as they arrive, once, and the call returns as soon as they are whole, without waiting for the empty
    /// message that ends them.
    /// </summary>
    public async Task<T> InvokeAsync<T>(string subject, ReadOnlyMemory<byte> parameters, Func<ReadOnlyMemory<byte>, T> decodeResults,
        NatsHeaders? headers = null, CancellationToken cancel = default) where T : notnull
    {
        using var call = await OpenWholeAsync(subject, parameters, headers, cancel);
        return await call.ReadResultsAsync(decodeResults, cancel);
    }

    /// <summary>The value <paramref name="decode"/> reads from bytes that are a whole encoding, or null (no decoder, or not whole yet).</summary>
    internal static object? TryDecode(Func<ReadOnlyMemory<byte>, object>? decode, ReadOnlyMemory<byte> bytes)
    {
        if (decode is null) return null;
        try
        {
            return decode(bytes);
        }
        catch (WrpcDecodeException)
        {
            return null;
        }
    }

    /// <summary>A call whose parameters were all sent (and ended).</summary>
    private async Task<WrpcClientCall> OpenWholeAsync(string subject, ReadOnlyMemory<byte> parameters, NatsHeaders? headers, CancellationToken cancel)
    {
        var call = await OpenAsync(subject, parameters, headers, cancel);
        try
        {
            await call.EndParametersAsync(cancel);
            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a call whose parameters or results hold async values (streams, futures): once the server has accepted,
    /// the parameters' async values go to <see cref="WrpcClientCall.ParameterPath"/> while the results are read
    /// (<see cref="WrpcClientCall.ReadResultsAsync{T}"/>) and their async values from <see cref="WrpcClientCall.ResultPath"/>.
    /// Dispose the call when it is over.
    /// </summary>
    public async Task<WrpcClientCall> OpenAsync(string subject, ReadOnlyMemory<byte> parameters, NatsHeaders? headers, CancellationToken cancel)
    {
        var inbox = await _inboxes.OpenAsync(cancel);
        try
        {
            var maxPayload = MaxPayload(nats);
            // The first message also carries the headers and the reply subject.
            var first = Math.Min(parameters.Length, maxPayload - 1024 - (headers?.Sum(h => h.Key.Length + h.Value.ToString().Length + 4) ?? 0));
            await nats.PublishAsync(subject, parameters[..Math.Max(0, first)].ToArray(), headers, replyTo: inbox.Subject, cancellationToken: cancel);

            var accept = await inbox.NextAsync(HandshakeTimeout, cancel)
                ?? throw new WrpcException($"no answer to {subject} within {HandshakeTimeout.TotalMilliseconds:0} ms");
            if (accept.HasNoResponders) throw new WrpcNotFoundException($"nothing serves {subject}");
            if (accept.Headers is { Code: >= 300 } status) throw new WrpcException($"{subject} was answered with status {status.Code} {status.MessageText}");
            if (accept.Subject != inbox.Subject || accept.ReplyTo is not { Length: > 0 } serverInbox) throw new WrpcException($"the server of {subject} did not begin with a handshake");

            var call = new WrpcClientCall(nats, subject, inbox, serverInbox, ResultTimeout);
            await call.WriteParametersAsync(parameters[Math.Max(0, first)..], cancel);
            return call;
        }
        catch
        {
            inbox.Dispose();
            throw;
        }
    }

    /// <summary>The server's largest message (its <c>max_payload</c>), which chunks must fit.</summary>
    internal static int MaxPayload(INatsConnection nats) =>
        (int)Math.Max(4096, nats is NatsConnection { ServerInfo: { } info } ? info.MaxPayload : 1024 * 1024);

    public ValueTask DisposeAsync() => _inboxes.DisposeAsync();
}

/// <summary>One call in flight, from the server's handshake on; see <see cref="WrpcClient.OpenAsync"/>.</summary>
public sealed class WrpcClientCall : IDisposable
{
    private readonly INatsConnection _nats;
    private readonly string _subject;
    private readonly InboxMux.Inbox _inbox;
    private readonly string _serverInbox;
    private readonly TimeSpan _resultTimeout;
    private readonly WrpcPathWriter _parameters;

    internal WrpcClientCall(INatsConnection nats, string subject, InboxMux.Inbox inbox, string serverInbox, TimeSpan resultTimeout)
    {
        _nats = nats;
        _subject = subject;
        _inbox = inbox;
        _serverInbox = serverInbox;
        _resultTimeout = resultTimeout;
        _parameters = new WrpcPathWriter(nats, WrpcSubjects.Params(serverInbox));
    }

    internal ValueTask WriteParametersAsync(ReadOnlyMemory<byte> rest, CancellationToken cancel) => _parameters.WriteAsync(rest, cancel);

    /// <summary>Ends the parameters (the empty message on <c>Rs.params</c>); their async values may still be being sent.</summary>
    public ValueTask EndParametersAsync(CancellationToken cancel) => _parameters.CompleteAsync(cancel);

    /// <summary>Where an async value in the parameters goes, at its index path (<c>0.0</c>: the first parameter's first field).</summary>
    public WrpcPathWriter ParameterPath(string path) => new(_nats, WrpcSubjects.Path(WrpcSubjects.Params(_serverInbox), path));

    /// <summary>An async value in the results, at its index path.</summary>
    public WrpcPathReader ResultPath(string path) => _inbox.Path(path);

    /// <summary>How long each piece of the results may take.</summary>
    public TimeSpan ResultTimeout => _resultTimeout;

    /// <summary>The results, decoded as soon as they are whole (see <see cref="WrpcClient.InvokeAsync{T}"/>).</summary>
    public async Task<T> ReadResultsAsync<T>(Func<ReadOnlyMemory<byte>, T> decodeResults, CancellationToken cancel) where T : notnull
    {
        var (results, decoded) = await ReadEncodedResultsAsync(bytes => decodeResults(bytes), cancel);
        return decoded is T value ? value : decodeResults(results.WrittenMemory);
    }

    internal async Task<(ArrayBufferWriter<byte> Results, object? Decoded)> ReadEncodedResultsAsync(Func<ReadOnlyMemory<byte>, object>? decodeResults, CancellationToken cancel)
    {
        var output = new ArrayBufferWriter<byte>();
        while (true)
        {
            var chunk = await _inbox.NextAsync(_resultTimeout, cancel) ?? throw new WrpcException($"{_subject} sent no results within {_resultTimeout.TotalSeconds:0} s");
            if (chunk.Headers?.TryGetValue(WrpcServer.ErrorHeader, out var error) == true) throw new WrpcRemoteException(error.ToString());
            if (chunk.Data is not { Length: > 0 } data) return (output, null);
            output.Write(data);
            if (WrpcClient.TryDecode(decodeResults, output.WrittenMemory) is { } decoded) return (output, decoded);
        }
    }

    public void Dispose() => _inbox.Dispose();
}

/// <summary>Nothing serves the invocation subject (NATS answered "no responders").</summary>
public sealed class WrpcNotFoundException(string message) : WrpcException(message);

/// <summary>The server took the call and failed it (a trap, a bad parameter); the message is the server's.</summary>
public sealed class WrpcRemoteException(string message) : WrpcException(message);
