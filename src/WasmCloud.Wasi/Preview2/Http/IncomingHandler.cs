using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// Serves requests with a prepared wasi:http/incoming-handler component: each request gets a fresh instance,
/// which answers it through its export while the request body streams in from Kestrel and the response body
/// streams out as the guest writes it.
/// </summary>
public sealed class IncomingHandler
{
    private readonly WasiPreview2 wasi;
    private readonly ComponentPre component;
    private readonly WorldExport handler;
    private readonly HttpServerOptions options;

    private IncomingHandler(WasiPreview2 wasi, ComponentPre component, WorldExport handler, HttpServerOptions options)
    {
        this.wasi = wasi;
        this.component = component;
        this.handler = handler;
        this.options = options;
    }

    /// <summary>
    /// A handler for <paramref name="component"/>, prepared against a linker that <paramref name="wasi"/> was added to;
    /// a component without the export is a <see cref="ComponentException"/> saying so.
    /// </summary>
    public static IncomingHandler Create(WasiPreview2 wasi, ComponentPre component, HttpServerOptions options) =>
        new(wasi, component, Export(component.Component), options);

    public async Task HandleAsync(HttpContext http)
    {
        // The call timeout stops guest code; the deadline also ends the guest's waits on the host.
        using var deadline = new CancellationTokenSource(options.RequestTimeout);
        using var context = new WasiContext(options.Configuration()) { AllowedHttpHosts = options.AllowedHttpHosts, Cancellation = deadline.Token };
        using var store = new Store(component.Component.Engine, options.Limits) { Data = context, CallTimeout = options.RequestTimeout };
        var outparam = new ResponseOutparam();
        var request = Request(http);
        // The whole guest side runs on one of the engine's guest threads (guest calls inside run inline there);
        // no request thread is held while it runs, and this one streams the answer.
        var guest = GuestExecution.RunAsync(() =>
        {
            try
            {
                var handle = handler.In(component.Instantiate(store));
                handle.Call(wasi.Http.IncomingRequest.New(context, request), wasi.Http.ResponseOutparam.New(context, outparam));
            }
            finally
            {
                // What the guest still holds is dropped: a body it never finished fails, ending the response.
                context.Dispose();
            }
        });
        try
        {
            await Task.WhenAny(outparam.Response, guest);
            if (!outparam.Response.IsCompleted)
            {
                await guest;
                throw new ComponentException("the guest returned without setting a response");
            }
            using var sending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadline.Token);
            // Once the body is sent whole the answer stands, whatever the guest does after.
            await SendAsync(http, await outparam.Response, sending.Token);
        }
        catch (Exception failure)
        {
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync($"the component failed: {Describe(failure)}\n");
            }
            else
            {
                http.Abort();
            }
        }
        finally
        {
            // The store may be freed only once the guest has stopped running in it.
            await guest.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static IncomingRequest Request(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path + http.Request.QueryString;
        var trailers = http.Features.Get<IHttpRequestTrailersFeature>();
        return new IncomingRequest(http.Request.Method, target, http.Request.Scheme, http.Request.Host.Value, Fields.Received(http.Request.Headers),
            new IncomingBody(http.Request.Body, () => trailers is { Available: true, Trailers.Count: > 0 } ? Fields.Received(trailers.Trailers) : null));
    }

    private static async Task SendAsync(HttpContext http, OutgoingResponse response, CancellationToken cancel)
    {
        http.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers.AsStrings()) http.Response.Headers.Append(name, value);
        // A response whose body was never asked for (a 204, say) has an empty one.
        if (!response.Body.Given) return;
        // The headers go out now, as a streamed body needs: the length is the guest's to state, else it is chunked.
        var chunked = ChunkedResponse.Applies(http);
        if (chunked) http.Response.Headers.TransferEncoding = "chunked";
        await http.Response.StartAsync(cancel);
        if (chunked)
        {
            await ChunkedResponse.CopyAsync(response.Body.Reader, response.Body.Trailers, http.Response.BodyWriter, cancel);
            return;
        }
        await response.Body.Reader.CopyToAsync(http.Response.Body, cancel);
        if (await response.Body.Trailers is { } trailers && http.Response.SupportsTrailers())
            foreach (var (name, value) in trailers.AsStrings()) http.Response.AppendTrailer(name, value);
    }

    internal static WorldExport Export(Component component) =>
        WorldExport.Find(component, "wasi:http/incoming-handler@0.2.", "handle", "it cannot serve HTTP");

    private static string Describe(Exception failure) => failure switch
    {
        HttpErrorException e => $"error-code {e.Code}",
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };
}
