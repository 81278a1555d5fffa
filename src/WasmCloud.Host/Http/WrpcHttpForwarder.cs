using System.IO.Pipelines;
using NATS.Client.Core;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Http;

/// <summary>
/// The way to an HTTP handler on another host — the http-server's to a component, a component's to its http-client:
/// the request goes over wRPC to
/// <c>{lattice}.{target}.wrpc.0.0.1.wrpc:http/incoming-handler@0.1.0.handle</c> (served by whichever host of the
/// lattice runs the target, ours or upstream's), its body streamed on the parameters' body path as Kestrel reads
/// it, and the response comes back the same way: head first, body and trailers on their result paths.
/// </summary>
internal sealed class WrpcHttpForwarder(LatticeHost host) : IAsyncDisposable
{
    private readonly WrpcClient _client = new(host.Rpc) { HandshakeTimeout = host.Options.RpcTimeout, ResultTimeout = host.Options.MaxExecutionTime };

    /// <summary>
    /// Forwards the request and hands the answer to <paramref name="responder"/>. Nothing serving the target is a
    /// <see cref="WrpcNotFoundException"/>, thrown before anything was sent.
    /// </summary>
    public Task ForwardAsync(string sourceId, string targetId, ServedRequest request, IHttpResponder responder, CancellationToken cancel) =>
        CallAsync(sourceId, "default", targetId, WrpcHttpWire.Instance, WrpcHttpWire.EncodeRequest(request), request, responder, cancel);

    /// <summary>
    /// Calls <paramref name="instance"/>'s <c>handle</c> on the target with these encoded parameters (the head of
    /// <paramref name="request"/>, and whatever follows it) and streams the exchange: incoming-handler for the
    /// http-server, outgoing-handler for a component whose http-client runs elsewhere.
    /// </summary>
    public async Task CallAsync(string sourceId, string linkName, string targetId, string instance, byte[] parameters, ServedRequest request, IHttpResponder responder,
        CancellationToken cancel)
    {
        var subject = WrpcSubjects.Invocation(WrpcSubjects.Prefix(host.Options.Lattice, targetId), instance, WrpcHttpWire.Function);
        var headers = new NatsHeaders { ["source-id"] = sourceId, ["link-name"] = linkName };
        if (TraceContext.Headers() is { } trace) foreach (var (name, value) in trace) headers[name] = value;
        using var call = await _client.OpenAsync(subject, parameters, headers, cancel);
        var sending = SendBodyAsync(call, request, cancel);
        Task receiving = Task.CompletedTask;
        PipeReader? body = null;
        try
        {
            await call.EndParametersAsync(cancel);
            var head = await call.ReadResultsAsync(WrpcHttpWire.DecodeResponse, cancel);
            if (head.Error is { } errorCode)
            {
                await responder.FailAsync(errorCode, $"error-code {errorCode}");
                return;
            }
            if (head.Body is { } whole) body = PipeReader.Create(new MemoryStream(whole, writable: false));
            else
            {
                var pipe = new Pipe();
                receiving = WrpcByteStream.ReceiveAsync(call.ResultPath(WrpcHttpWire.BodyPath), pipe.Writer, call.ResultTimeout, cancel);
                body = pipe.Reader;
            }
            await responder.SendAsync(new ServedResponse
            {
                Status = head.Status,
                Headers = head.Headers,
                Body = body,
                Trailers = head.Trailers.Ready
                    ? Task.FromResult(head.Trailers.Value)
                    : WrpcHttpWire.ReceiveTrailersAsync(call.ResultPath(WrpcHttpWire.TrailersPath), call.ResultTimeout, cancel),
            }, cancel);
        }
        catch (Exception e) when (e is WrpcException or IOException or InvalidOperationException)
        {
            await responder.FailAsync(ErrorCode.InternalError(e.Message), e.Message);
        }
        finally
        {
            // What the responder did not take is dropped, which also stops the receiving side.
            if (body is not null) await body.CompleteAsync();
            await receiving;
            // The request body is the client's to finish sending; a server that answered without it stops waiting for it.
            await sending.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task SendBodyAsync(WrpcClientCall call, ServedRequest request, CancellationToken cancel)
    {
        await WrpcByteStream.SendAsync(PipeReader.Create(request.Body), call.ParameterPath(WrpcHttpWire.BodyPath), cancel);
        await WrpcHttpWire.SendTrailersAsync(call.ParameterPath(WrpcHttpWire.TrailersPath), await request.Trailers(), cancel);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
