using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WasmCloud.Components;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// A request Kestrel received, served by a component: the request as <see cref="ServedRequest"/>, and the answer
/// written back to Kestrel, its body framed by the host when it ends with trailers. A failure before the response
/// has started is a 500 naming it; after, the connection is aborted, which the client sees as an incomplete body.
/// </summary>
public sealed class KestrelExchange(HttpContext http) : IHttpResponder
{
    public static ServedRequest Request(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path + http.Request.QueryString;
        var trailers = http.Features.Get<IHttpRequestTrailersFeature>();
        return new ServedRequest
        {
            Method = http.Request.Method,
            PathWithQuery = target,
            Scheme = http.Request.Scheme,
            Authority = http.Request.Host.Value,
            Headers = Fields.Received(http.Request.Headers).Entries,
            Body = http.Request.Body,
            Trailers = () => Task.FromResult(trailers is { Available: true, Trailers.Count: > 0 } ? Fields.Received(trailers.Trailers).Entries : null),
        };
    }

    public async Task SendAsync(ServedResponse response, CancellationToken cancel)
    {
        http.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers) http.Response.Headers.Append(name, System.Text.Encoding.Latin1.GetString(value));
        // A response whose body was never asked for (a 204, say) has an empty one.
        if (response.Body is not { } body) return;
        // The headers go out now, as a streamed body needs: the length is the guest's to state, else it is chunked.
        var chunked = ChunkedResponse.Applies(http);
        if (chunked) http.Response.Headers.TransferEncoding = "chunked";
        await http.Response.StartAsync(cancel);
        if (chunked)
        {
            await ChunkedResponse.CopyAsync(body, response.Trailers, http.Response.BodyWriter, cancel);
            return;
        }
        await body.CopyToAsync(http.Response.Body, cancel);
        if (await response.Trailers is { } trailers && http.Response.SupportsTrailers())
            foreach (var (name, value) in trailers) http.Response.AppendTrailer(name, System.Text.Encoding.Latin1.GetString(value));
    }

    public async Task FailAsync(ComponentValue errorCode, string reason)
    {
        if (http.Response.HasStarted)
        {
            http.Abort();
            return;
        }
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync($"the component failed: {reason}\n");
    }
}
