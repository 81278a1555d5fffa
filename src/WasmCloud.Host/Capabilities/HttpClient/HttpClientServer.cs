using System.IO.Pipelines;
using WasmCloud.Host.Http;
using WasmCloud.Host.Providers;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Capabilities.HttpClient;

/// <summary>
/// The http-client provider's <c>wrpc:http/outgoing-handler@0.1.0.handle</c> on <c>{lattice}.{provider}</c>, as
/// upstream's http-client serves it: components on other hosts (ours or upstream's) send their requests here. The
/// request body streams in from its parameter path as the server reads it; the response comes back head first, its
/// body and trailers on their result paths. The caller's link (by <c>source-id</c> and <c>link-name</c>) gives the
/// allowed hosts; a request elsewhere, or without an authority, is answered with its error-code.
/// </summary>
internal static class HttpClientServer
{
    public static Task<WrpcServer> StartAsync(LatticeHost host, HttpClientProvider provider, CancellationToken cancel)
    {
        var prefix = WrpcSubjects.Prefix(host.Options.Lattice, provider.Id);
        var subject = WrpcSubjects.Invocation(prefix, WrpcHttpWire.OutgoingInstance, WrpcHttpWire.Function);
        var timeout = host.Options.MaxExecutionTime;
        return WrpcServer.StartStreamingAsync(host.Rpc, subject, prefix, async (call, token) =>
        {
            var (head, options) = ((WrpcHttpWire.RequestHead, WrpcHttpWire.OutgoingOptions?))call.Decoded!;
            var caller = CallerLink.Of(host, call, provider.Id, "wasi", "http");
            if (head.Authority is not { } authority || !Uri.TryCreate($"{head.Scheme ?? "https"}://{authority}{head.PathWithQuery ?? "/"}", UriKind.Absolute, out var uri))
                return new WrpcReply(WrpcHttpWire.EncodeError(ErrorCode.Case("HTTP-request-URI-invalid")));
            if (provider.ClientFor(authority, caller.Config) is not { } client)
                return new WrpcReply(WrpcHttpWire.EncodeError(ErrorCode.Case("HTTP-request-denied")));

            var body = head.Body is null ? new WrpcBodyFeed(call.ParameterPath(WrpcHttpWire.BodyPath), timeout, token) : null;
            var message = new HttpRequestMessage(new HttpMethod(head.Method), uri)
            {
                Content = new StreamContent(body?.Stream ?? new MemoryStream(head.Body!, writable: false)),
            };
            HttpFields.AddTo(message.Headers, message.Content, head.Headers);
            if (options?.ConnectTimeout is { } connect) message.Options.Set(OutgoingHttpClients.ConnectTimeout, OutgoingHttpClients.FromNanoseconds(connect));
            using var firstByte = CancellationTokenSource.CreateLinkedTokenSource(token);
            if (options?.FirstByteTimeout is { } first) firstByte.CancelAfter(OutgoingHttpClients.FromNanoseconds(first));
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message, firstByte.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or HttpErrorException)
            {
                if (body is not null) await body.StopAsync();
                var code = e is OperationCanceledException && !token.IsCancellationRequested ? ErrorCode.Case("connection-read-timeout") : ErrorCode.Of(e);
                return new WrpcReply(WrpcHttpWire.EncodeError(code));
            }
            var responder = new WrpcHttpResponder(call);
            // The trailers are known once the body has been read to its end, which the responder does first.
            var received = new BodyEndStream(await response.Content.ReadAsStreamAsync(token), () => Task.CompletedTask);
            var sending = responder.SendAsync(new ServedResponse
            {
                Status = (ushort)response.StatusCode,
                Headers = HttpFields.Of(response.Headers.Concat(response.Content.Headers)),
                Body = PipeReader.Create(received),
                Trailers = received.Ended.ContinueWith(_ => response.TrailingHeaders.Any() ? (IReadOnlyList<(string, byte[])>?)HttpFields.Of(response.TrailingHeaders) : null,
                    TaskScheduler.Default),
            }, token);
            return new WrpcReply(await responder.Head, async _ =>
            {
                try
                {
                    await sending;
                }
                finally
                {
                    response.Dispose();
                    if (body is not null) await body.StopAsync();
                }
            });
        }, host.Log, cancel, bytes => WrpcHttpWire.DecodeOutgoingRequest(bytes));
    }
}
