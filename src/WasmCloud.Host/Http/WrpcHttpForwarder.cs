using System.IO.Pipelines;
using NATS.Client.Core;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Http;

/// <summary>
/// The http-server's way to a component that does not run on this host: the request goes over wRPC to
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
    public async Task ForwardAsync(string sourceId, string targetId, ServedRequest request, IHttpResponder responder, CancellationToken cancel)
    {
        var subject = WrpcSubjects.Invocation(WrpcSubjects.Prefix(host.Options.Lattice, targetId), WrpcHttpWire.Instance, WrpcHttpWire.Function);
        var headers = new NatsHeaders { ["source-id"] = sourceId, ["link-name"] = "default" };
        using var call = await _client.OpenAsync(subject, WrpcHttpWire.EncodeRequest(request), headers, cancel);
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
