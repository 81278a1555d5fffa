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
    public async Task<byte[]> InvokeAsync(string subject, ReadOnlyMemory<byte> parameters, NatsHeaders? headers = null, CancellationToken cancel = default) =>
        (await CallAsync(subject, parameters, headers, null, cancel)).Results.WrittenMemory.ToArray();

    /// <summary>
    /// Invokes and returns the results as <paramref name="decodeResults"/> reads them (it throws a
    /// <see cref="WrpcDecodeException"/> for bytes that are not a whole encoding of the function's results). They are
    /// decoded as they arrive, once, and the call returns as soon as they are whole, without waiting for the empty
    /// message that ends them.
    /// </summary>
    public async Task<T> InvokeAsync<T>(string subject, ReadOnlyMemory<byte> parameters, Func<ReadOnlyMemory<byte>, T> decodeResults,
        NatsHeaders? headers = null, CancellationToken cancel = default) where T : notnull
    {
        var (results, decoded) = await CallAsync(subject, parameters, headers, bytes => decodeResults(bytes), cancel);
        return decoded is T value ? value : decodeResults(results.WrittenMemory);
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

    private async Task<(ArrayBufferWriter<byte> Results, object? Decoded)> CallAsync(string subject, ReadOnlyMemory<byte> parameters, NatsHeaders? headers,
        Func<ReadOnlyMemory<byte>, object>? decodeResults, CancellationToken cancel)
    {
        using var inbox = await _inboxes.OpenAsync(cancel);
        var maxPayload = MaxPayload(nats);
        // The first message also carries the headers and the reply subject.
        var first = Math.Min(parameters.Length, maxPayload - 1024 - (headers?.Sum(h => h.Key.Length + h.Value.ToString().Length + 4) ?? 0));
        await nats.PublishAsync(subject, parameters[..Math.Max(0, first)].ToArray(), headers, replyTo: inbox.Subject, cancellationToken: cancel);

        var accept = await inbox.NextAsync(HandshakeTimeout, cancel)
            ?? throw new WrpcException($"no answer to {subject} within {HandshakeTimeout.TotalMilliseconds:0} ms");
        if (accept.HasNoResponders) throw new WrpcNotFoundException($"nothing serves {subject}");
        if (accept.Headers is { Code: >= 300 } status) throw new WrpcException($"{subject} was answered with status {status.Code} {status.MessageText}");
        if (accept.Subject != inbox.Subject || accept.ReplyTo is not { Length: > 0 } serverInbox) throw new WrpcException($"the server of {subject} did not begin with a handshake");

        var paramsSubject = WrpcSubjects.Params(serverInbox);
        for (int offset = Math.Max(0, first); offset < parameters.Length; offset += maxPayload)
            await nats.PublishAsync(paramsSubject, parameters.Slice(offset, Math.Min(maxPayload, parameters.Length - offset)).ToArray(), cancellationToken: cancel);
        await nats.PublishAsync(paramsSubject, Array.Empty<byte>(), cancellationToken: cancel);

        var output = new ArrayBufferWriter<byte>();
        while (true)
        {
            var chunk = await inbox.NextAsync(ResultTimeout, cancel) ?? throw new WrpcException($"{subject} sent no results within {ResultTimeout.TotalSeconds:0} s");
            if (chunk.Headers?.TryGetValue(WrpcServer.ErrorHeader, out var error) == true) throw new WrpcRemoteException(error.ToString());
            if (chunk.Data is not { Length: > 0 } data) return (output, null);
            output.Write(data);
            if (TryDecode(decodeResults, output.WrittenMemory) is { } decoded) return (output, decoded);
        }
    }

    /// <summary>The server's largest message (its <c>max_payload</c>), which chunks must fit.</summary>
    internal static int MaxPayload(INatsConnection nats) =>
        (int)Math.Max(4096, nats is NatsConnection { ServerInfo: { } info } ? info.MaxPayload : 1024 * 1024);

    public ValueTask DisposeAsync() => _inboxes.DisposeAsync();
}

/// <summary>Nothing serves the invocation subject (NATS answered "no responders").</summary>
public sealed class WrpcNotFoundException(string message) : WrpcException(message);

/// <summary>The server took the call and failed it (a trap, a bad parameter); the message is the server's.</summary>
public sealed class WrpcRemoteException(string message) : WrpcException(message);
