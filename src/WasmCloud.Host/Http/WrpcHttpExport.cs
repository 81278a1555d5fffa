using System.IO.Pipelines;
using WasmCloud.Host.Components;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Http;

/// <summary>
/// A running component's <c>wasi:http/incoming-handler</c> served over wRPC as
/// <c>{lattice}.{id}.wrpc.0.0.1.wrpc:http/incoming-handler@0.1.0.handle</c>, as upstream's hosts serve it, so an
/// http-server on any host of the lattice (ours or upstream's provider) reaches it. The request body streams in from
/// its parameter path while the guest reads, and the response streams back as the guest writes.
/// </summary>
internal static class WrpcHttpExport
{
    public static Task<WrpcServer> StartAsync(LatticeHost host, RunningComponent component)
    {
        var prefix = WrpcSubjects.Prefix(host.Options.Lattice, component.Id);
        var subject = WrpcSubjects.Invocation(prefix, WrpcHttpWire.Instance, WrpcHttpWire.Function);
        var timeout = host.Options.MaxExecutionTime;
        return WrpcServer.StartStreamingAsync(host.Rpc, subject, prefix, async (call, cancel) =>
        {
            var source = call.Headers?.TryGetValue("source-id", out var id) == true ? id.ToString() : "";
            var decision = await host.Policy.InvokeAsync(source, component.Id, $"{WrpcHttpWire.Instance}.{WrpcHttpWire.Function}", cancel);
            if (!decision.Permitted) throw new InvalidOperationException($"policy denied the invocation: {decision.Message}");
            var head = (WrpcHttpWire.RequestHead)call.Decoded!;
            var body = head.Body is null ? new WrpcBodyFeed(call.ParameterPath(WrpcHttpWire.BodyPath), timeout, cancel) : null;
            var request = new ServedRequest
            {
                Method = head.Method,
                PathWithQuery = head.PathWithQuery,
                Scheme = head.Scheme,
                Authority = head.Authority,
                Headers = head.Headers,
                Body = body?.Stream ?? new MemoryStream(head.Body!, writable: false),
                Trailers = head.Trailers.Ready ? () => Task.FromResult(head.Trailers.Value) : () => WrpcHttpWire.ReceiveTrailersAsync(call.ParameterPath(WrpcHttpWire.TrailersPath), timeout, cancel),
            };
            var responder = new WrpcHttpResponder(call);
            var serving = component.ServeHttpAsync(request, responder, cancel);
            try
            {
                await Task.WhenAny(responder.Head, serving);
                if (!responder.Head.IsCompleted)
                {
                    await serving;
                    throw new InvalidOperationException($"component {component.Id} gave no answer");
                }
            }
            catch
            {
                if (body is not null) await body.StopAsync();
                throw;
            }
            return new WrpcReply(await responder.Head, async _ =>
            {
                try
                {
                    await serving;
                }
                finally
                {
                    if (body is not null) await body.StopAsync();
                }
            });
        }, host.Log, host.Stopping, bytes => WrpcHttpWire.DecodeRequest(bytes));
    }
}
