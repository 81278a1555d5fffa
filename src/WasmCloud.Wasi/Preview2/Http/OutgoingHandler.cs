using System.Net;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// wasi:http/outgoing-handler through .NET's HttpClient: only to hosts the guest's context allows, the request
/// body streamed from the guest's writes and the response body to its reads, response trailers after the
/// last byte. HTTP/1.1 cannot carry request trailers, so those the guest gives are not sent.
/// </summary>
internal static class OutgoingHandler
{
    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        var http = wasi.Http;
        new HostInterface("wasi:http/outgoing-handler")
            .Resource("outgoing-request", http.OutgoingRequest)
            .Resource("request-options", http.RequestOptions)
            .Resource("future-incoming-response", http.FutureIncomingResponse)
            .ValueTypes("error-code")
            .Function("handle", Wit.Func(Wit.Result(http.FutureIncomingResponse.Own, ErrorCode.Type), ("request", http.OutgoingRequest.Own),
                ("options", Wit.Option(http.RequestOptions.Own))), (cx, args) =>
            {
                var request = http.OutgoingRequest.Take<OutgoingRequest>(args[0]);
                var options = Val.ToVariant(args[1]).Payload is { } handle ? http.RequestOptions.Take<RequestOptions>(handle) : null;
                if (request.Authority is not { } authority) return Val.Error(ErrorCode.Case("HTTP-request-URI-invalid"));
                var client = cx.AllowedHttpHosts.Contains(authority) || cx.AllowedHttpHosts.Contains(authority.Split(':')[0])
                    ? OutgoingHttpClients.Shared
                    : cx.Configuration.HttpClientFor?.Invoke(authority);
                if (client is null) return Val.Error(ErrorCode.Case("HTTP-request-denied"));
                if (!Uri.TryCreate($"{request.Scheme ?? "https"}://{authority}{request.PathWithQuery ?? "/"}", UriKind.Absolute, out var uri))
                    return Val.Error(ErrorCode.Case("HTTP-request-URI-invalid"));
                return Val.Ok(http.FutureIncomingResponse.New(cx, new HostFuture<IncomingResponse>(SendAsync(client, request, uri, options))));
            })
            .DefineIn(linker);
    }

    private static async Task<IncomingResponse> SendAsync(HttpMessageInvoker client, OutgoingRequest request, Uri uri, RequestOptions? options)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (options?.ConnectTimeout is { } connect) message.Options.Set(OutgoingHttpClients.ConnectTimeout, OutgoingHttpClients.FromNanoseconds(connect));
        // A body the guest never asked for is empty; one it took streams as it writes.
        if (request.Body.Given) message.Content = new StreamContent(request.Body.Reader.AsStream());
        foreach (var (name, value) in request.Headers.AsStrings())
            if (!message.Headers.TryAddWithoutValidation(name, value)) (message.Content ??= new ByteArrayContent([])).Headers.TryAddWithoutValidation(name, value);
        using var firstByte = new CancellationTokenSource();
        if (options?.FirstByteTimeout is { } nanoseconds)
        {
            message.Options.Set(OutgoingHttpClients.FirstByteTimeout, OutgoingHttpClients.FromNanoseconds(nanoseconds));
            firstByte.CancelAfter(OutgoingHttpClients.FromNanoseconds(nanoseconds));
        }
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, firstByte.Token);
        }
        catch (OperationCanceledException) when (firstByte.IsCancellationRequested)
        {
            throw new HttpErrorException(ErrorCode.Case("connection-read-timeout"));
        }
        var headers = Fields.Received(response.Headers.Concat(response.Content.Headers).Select(h => KeyValuePair.Create(h.Key, new Microsoft.Extensions.Primitives.StringValues([.. h.Value]))));
        var body = new IncomingBody(await response.Content.ReadAsStreamAsync(), () => Task.FromResult(response.TrailingHeaders.Any()
            ? Fields.Received(response.TrailingHeaders.Select(h => KeyValuePair.Create(h.Key, new Microsoft.Extensions.Primitives.StringValues([.. h.Value]))))
            : null));
        return new IncomingResponse((ushort)response.StatusCode, headers, body);
    }


}
