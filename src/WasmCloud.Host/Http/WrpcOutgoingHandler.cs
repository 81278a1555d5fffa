using System.IO.Pipelines;
using System.Net;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wrpc;

namespace WasmCloud.Host.Http;

/// <summary>
/// A component's outgoing requests when its http-client runs on another host: each goes over wRPC to
/// <c>{lattice}.{client}.wrpc.0.0.1.wrpc:http/outgoing-handler@0.1.0.handle</c> (our http-client or upstream's),
/// its body streamed as the guest writes it, the request's timeouts passed on, and the response comes back as the
/// guest's response: head, then the body as it arrives, the trailers in place before the body's end. An error-code the
/// client answers with is the guest's error-code; a client nobody serves is <c>internal-error</c> saying so.
/// </summary>
internal sealed class WrpcOutgoingHandler(WrpcHttpForwarder forwarder, string sourceId, string linkName, string clientId, CancellationToken stopping) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancel)
    {
        var uri = message.RequestUri ?? throw new HttpErrorException(ErrorCode.Case("HTTP-request-URI-invalid"));
        var request = new ServedRequest
        {
            Method = message.Method.Method,
            PathWithQuery = uri.PathAndQuery,
            Scheme = uri.Scheme,
            Authority = uri.Authority,
            Headers = HttpFields.Of(message.Headers.Concat(message.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())),
            Body = message.Content is null ? Stream.Null : await message.Content.ReadAsStreamAsync(cancel),
        };
        var options = new WrpcHttpWire.OutgoingOptions(Nanoseconds(message, OutgoingHttpClients.ConnectTimeout), Nanoseconds(message, OutgoingHttpClients.FirstByteTimeout), null);
        var responder = new ResponseBuilder();
        // The exchange lives as long as the guest reads the body; the caller's token bounds only the wait for the head.
        var exchange = forwarder.CallAsync(sourceId, linkName, clientId, WrpcHttpWire.OutgoingInstance, WrpcHttpWire.EncodeOutgoingRequest(request, options), request, responder, stopping);
        var first = await Task.WhenAny(responder.Response, exchange).WaitAsync(cancel);
        if (first == exchange && !responder.Response.IsCompleted)
        {
            try
            {
                await exchange;
            }
            catch (WrpcException e)
            {
                throw new HttpRequestException(e.Message, new HttpErrorException(ErrorCode.InternalError($"the http-client {clientId} cannot be reached: {e.Message}")));
            }
            throw new HttpRequestException($"the http-client {clientId} gave no answer", new HttpErrorException(ErrorCode.InternalError($"the http-client {clientId} gave no answer")));
        }
        return await responder.Response;
    }

    private static ulong? Nanoseconds(HttpRequestMessage message, HttpRequestOptionsKey<TimeSpan> key) =>
        message.Options.TryGetValue(key, out var timeout) ? (ulong)timeout.Ticks * 100 : null;

    /// <summary>The forwarded answer as an <see cref="HttpResponseMessage"/>; the exchange is held open until its body has been read or let go.</summary>
    private sealed class ResponseBuilder : IHttpResponder
    {
        private readonly TaskCompletionSource<HttpResponseMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<HttpResponseMessage> Response => _response.Task;

        public async Task SendAsync(ServedResponse served, CancellationToken cancel)
        {
            var response = new HttpResponseMessage((HttpStatusCode)served.Status);
            var body = new BodyEndStream((served.Body ?? PipeReader.Create(Stream.Null)).AsStream(), async () =>
            {
                if (await served.Trailers is { } trailers) HttpFields.AddTo(response.TrailingHeaders, null, trailers);
            });
            response.Content = new StreamContent(body);
            HttpFields.AddTo(response.Headers, response.Content, served.Headers);
            _response.TrySetResult(response);
            await body.Ended.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        public Task FailAsync(ComponentValue errorCode, string reason)
        {
            _response.TrySetException(new HttpRequestException(reason, new HttpErrorException(errorCode)));
            return Task.CompletedTask;
        }
    }
}
