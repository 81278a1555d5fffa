using System.Buffers;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace WasmCloud.Wrpc.Transport;

/// <summary>
/// The serving side of wRPC over NATS for one function: a queue subscription on its invocation subject; for each
/// call, an inbox <c>Rs</c> subscribed for the rest of the parameters, the empty handshake to the caller's <c>Rc</c>,
/// the parameters read to their empty end, the handler run, and the results written to <c>Rc.results</c> in chunks
/// that fit the server's <c>max_payload</c>, then an empty message. A failing handler closes the results with an
/// empty message carrying the error in a <see cref="ErrorHeader"/> header: upstream's callers see a closed stream,
/// as they would from upstream, and ours get the reason.
/// </summary>
public sealed class WrpcServer : IAsyncDisposable
{
    public const string ErrorHeader = "wrpc-error";

    private readonly INatsConnection _nats;
    private readonly Func<WrpcInvocation, CancellationToken, Task<WrpcReply>> _handler;
    private readonly Func<ReadOnlyMemory<byte>, object>? _decodeParameters;
    private readonly ILogger _log;
    private readonly INatsSub<byte[]> _subscription;
    private readonly CancellationTokenSource _stop = new();
    private readonly InboxMux _inboxes;
    private readonly Task _serving;

    private WrpcServer(INatsConnection nats, INatsSub<byte[]> subscription, Func<WrpcInvocation, CancellationToken, Task<WrpcReply>> handler,
        Func<ReadOnlyMemory<byte>, object>? decodeParameters, ILogger log)
    {
        _decodeParameters = decodeParameters;
        _nats = nats;
        _subscription = subscription;
        _handler = handler;
        _log = log;
        _inboxes = new InboxMux(nats);
        _serving = ServeAsync();
    }

    /// <summary>How long a caller may take to send the rest of its parameters.</summary>
    public static TimeSpan ParamsTimeout { get; } = TimeSpan.FromSeconds(30);

    public string Subject => _subscription.Subject;

    /// <summary>
    /// Serves <paramref name="subject"/>. With <paramref name="decodeParameters"/> (which throws a
    /// <see cref="WrpcDecodeException"/> for bytes that are not a whole encoding of the function's parameters), a call's
    /// parameters are decoded as they arrive, once: a call whose parameters all came in its first message is handled
    /// at once, without waiting for the empty message that ends them, and the handler gets them in
    /// <see cref="WrpcInvocation.Decoded"/>. Without it the handler gets the bytes only, after that empty message.
    /// </summary>
    public static Task<WrpcServer> StartAsync(INatsConnection nats, string subject, string queueGroup,
        Func<WrpcInvocation, CancellationToken, Task<byte[]>> handler, ILogger log, CancellationToken cancel = default,
        Func<ReadOnlyMemory<byte>, object>? decodeParameters = null) =>
        StartStreamingAsync(nats, subject, queueGroup, async (call, token) => new WrpcReply(await handler(call, token)), log, cancel, decodeParameters);

    /// <summary>
    /// Serves a function with async values (streams, futures): the handler reads them from
    /// <see cref="WrpcInvocation.ParameterPath"/>, and returns its results with the work that writes the async values
    /// in them (<see cref="WrpcReply.Deferred"/>), which runs once the results have gone out.
    /// </summary>
    public static async Task<WrpcServer> StartStreamingAsync(INatsConnection nats, string subject, string queueGroup,
        Func<WrpcInvocation, CancellationToken, Task<WrpcReply>> handler, ILogger log, CancellationToken cancel = default,
        Func<ReadOnlyMemory<byte>, object>? decodeParameters = null)
    {
        var subscription = await nats.SubscribeCoreAsync<byte[]>(subject, queueGroup, cancellationToken: cancel);
        return new WrpcServer(nats, subscription, handler, decodeParameters, log);
    }

    private async Task ServeAsync()
    {
        await foreach (var msg in _subscription.Msgs.ReadAllAsync())
            _ = HandleAsync(msg);
    }

    private async Task HandleAsync(NatsMsg<byte[]> msg)
    {
        if (msg.ReplyTo is not { Length: > 0 } callerInbox) return;
        try
        {
            using var inbox = await _inboxes.OpenAsync(_stop.Token);
            await _nats.PublishAsync(callerInbox, Array.Empty<byte>(), replyTo: inbox.Subject, cancellationToken: _stop.Token);
            var parameters = new ArrayBufferWriter<byte>();
            parameters.Write(msg.Data ?? []);
            var decoded = WrpcClient.TryDecode(_decodeParameters, parameters.WrittenMemory);
            while (decoded is null)
            {
                // The rest of the parameters, on Rs.params, to their empty end; a caller that stops sending is given up on.
                var chunk = await inbox.NextAsync(ParamsTimeout, _stop.Token) ?? throw new OperationCanceledException();
                if (chunk.Data is not { Length: > 0 } data) break;
                parameters.Write(data);
                decoded = WrpcClient.TryDecode(_decodeParameters, parameters.WrittenMemory);
            }
            var results = new WrpcPathWriter(_nats, WrpcSubjects.Results(callerInbox));
            WrpcReply reply;
            try
            {
                // Parameters that never decoded whole fail the call here, with the decoder's reason.
                decoded ??= _decodeParameters?.Invoke(parameters.WrittenMemory);
                reply = await _handler(new WrpcInvocation(msg.Subject, parameters.WrittenMemory, msg.Headers, decoded)
                {
                    Nats = _nats, Inbox = inbox, CallerInbox = callerInbox,
                }, _stop.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                _log.LogWarning("wRPC call on {Subject} failed: {Error}", msg.Subject, e.Message);
                await results.FailAsync(e.Message, _stop.Token);
                return;
            }
            await results.WriteAsync(reply.Results, _stop.Token);
            await results.CompleteAsync(_stop.Token);
            if (reply.Deferred is { } deferred)
            {
                try
                {
                    await deferred(_stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log.LogWarning("wRPC call on {Subject} failed after its results: {Error}", msg.Subject, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping, or the caller never sent the rest of its parameters.
        }
        catch (NatsException e)
        {
            _log.LogWarning("wRPC call on {Subject} could not be answered: {Error}", msg.Subject, e.Message);
        }
    }

    /// <summary>A message as a NATS header value can carry it: one line.</summary>
    internal static string HeaderValue(string message) => message.ReplaceLineEndings(" ");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _subscription.DisposeAsync();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        await _inboxes.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>
/// One call as the server sees it: its subject, its encoded parameters, the caller's headers (source-id, link-name,
/// traceparent), and the parameters as the server's decoder read them (null for a server without one).
/// </summary>
public sealed record WrpcInvocation(string Subject, ReadOnlyMemory<byte> Parameters, NatsHeaders? Headers, object? Decoded = null)
{
    internal INatsConnection? Nats { get; init; }
    internal InboxMux.Inbox? Inbox { get; init; }
    internal string? CallerInbox { get; init; }

    /// <summary>An async value in the parameters, at its index path (<c>0.0</c>: the first parameter's first field).</summary>
    public WrpcPathReader ParameterPath(string path) =>
        (Inbox ?? throw new InvalidOperationException("this invocation did not come over NATS")).Path(path);

    /// <summary>Where an async value in the results goes, at its index path.</summary>
    public WrpcPathWriter ResultPath(string path) =>
        new(Nats ?? throw new InvalidOperationException("this invocation did not come over NATS"), WrpcSubjects.Path(WrpcSubjects.Results(CallerInbox!), path));
}

/// <summary>
/// A server's answer: the encoded results, and for results holding async values the work that sends those values
/// on their paths (run after the results have gone out, with the call's inbox still open).
/// </summary>
public sealed record WrpcReply(byte[] Results, Func<CancellationToken, Task>? Deferred = null);
