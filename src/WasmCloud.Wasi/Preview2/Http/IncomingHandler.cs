using Microsoft.AspNetCore.Http;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// Serves requests with a prepared wasi:http/incoming-handler component: each request gets an instance of its own
/// from the component's <see cref="InstancePool"/> (a fresh one, unless the pool keeps instances warm), which answers it
/// through its export while the request body streams in and the response body streams out as the guest writes it.
/// Requests come from Kestrel (<see cref="HandleAsync"/>) or from anywhere else that can give a
/// <see cref="ServedRequest"/> and take the answer (<see cref="ServeAsync"/>).
/// </summary>
public sealed class IncomingHandler
{
    private readonly WasiPreview2 wasi;
    private readonly InstancePool instances;
    private readonly WorldExport handler;
    private readonly TimeSpan requestTimeout;

    private IncomingHandler(WasiPreview2 wasi, InstancePool instances, WorldExport handler, TimeSpan requestTimeout)
    {
        this.wasi = wasi;
        this.instances = instances;
        this.handler = handler;
        this.requestTimeout = requestTimeout;
    }

    /// <summary>
    /// A handler serving with the instances of <paramref name="instances"/>, whose component was prepared against a
    /// linker that <paramref name="wasi"/> was added to; a request's guest may wait on the host for
    /// <paramref name="requestTimeout"/> (its stores' call timeout stops its code). A component without the export is a
    /// <see cref="ComponentException"/> saying so. The pool stays its owner's to dispose.
    /// </summary>
    public static IncomingHandler Create(WasiPreview2 wasi, InstancePool instances, TimeSpan requestTimeout) =>
        new(wasi, instances, Export(instances.Component.Component), requestTimeout);

    public Task HandleAsync(HttpContext http) => ServeAsync(KestrelExchange.Request(http), new KestrelExchange(http), http.RequestAborted);

    /// <summary>
    /// Runs the guest for <paramref name="request"/> and hands its answer to <paramref name="responder"/> as soon as
    /// the guest sets it; a guest that fails first, or an answer that cannot be sent whole, goes to
    /// <see cref="IHttpResponder.FailAsync"/>. Returns once the guest has stopped running.
    /// </summary>
    public async Task ServeAsync(ServedRequest request, IHttpResponder responder, CancellationToken aborted)
    {
        // The call timeout stops guest code; the deadline also ends the guest's waits on the host.
        using var deadline = new CancellationTokenSource(requestTimeout);
        var outparam = new ResponseOutparam();
        // The whole guest side runs on one of the engine's guest threads (guest calls inside run inline there);
        // no request thread is held while it runs, and this one streams the answer.
        var guest = GuestExecution.RunAsync(() =>
        {
            var instance = instances.Rent(deadline.Token);
            var warm = instance.Invocations > 1;
            var incoming = Incoming(request);
            if (Answer(instance, incoming, outparam) || !warm || incoming.Body is null) return;
            // A warm instance that returned without answering and without reading the request is a component that
            // answers one request per instance (StarlingMonkey's fetch-event style, StarlingMonkey#247): the request
            // goes to a fresh instance, and so will every request after it.
            instances.StopReuse();
            Answer(instances.Rent(deadline.Token), Incoming(request), outparam);
        });
        try
        {
            await Task.WhenAny(outparam.Response, guest);
            if (!outparam.Response.IsCompleted)
            {
                await guest;
                throw new ComponentException("the guest returned without setting a response");
            }
            using var sending = CancellationTokenSource.CreateLinkedTokenSource(aborted, deadline.Token);
            // Once the body is sent whole the answer stands, whatever the guest does after.
            await responder.SendAsync(Served(await outparam.Response), sending.Token);
        }
        catch (Exception failure)
        {
            await responder.FailAsync(ErrorCode.Of(failure), Describe(failure));
        }
        finally
        {
            // The deadline may be disposed only once the guest has stopped waiting on it.
            await guest.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Calls the guest's handler in <paramref name="instance"/> and gives the instance back: to be kept only if it
    /// left nothing of the request half done. Whether the guest set a response.
    /// </summary>
    private bool Answer(PooledInstance instance, IncomingRequest incoming, ResponseOutparam outparam)
    {
        var clean = false;
        try
        {
            var context = instance.Context;
            handler.In(instance.Instance).Call(wasi.Http.IncomingRequest.New(context, incoming), wasi.Http.ResponseOutparam.New(context, outparam));
            clean = outparam.Response.IsCompletedSuccessfully && Finished(outparam.Response.Result.Body);
            return outparam.Response.IsCompleted;
        }
        finally
        {
            // Discarding drops what the guest still holds: a body it never finished fails, ending the response.
            instances.Return(instance, clean);
        }
    }

    private static bool Finished(OutgoingBody body) => !body.Given || body.Trailers.IsCompleted;

    private static IncomingRequest Incoming(ServedRequest request) =>
        new(request.Method, request.PathWithQuery, request.Scheme, request.Authority, Fields.Received(request.Headers),
            new IncomingBody(request.Body, async () => await request.Trailers() is { Count: > 0 } trailers ? Fields.Received(trailers) : null));

    private static ServedResponse Served(OutgoingResponse response) => new()
    {
        Status = response.Status,
        Headers = response.Headers.Entries,
        Body = response.Body.Given ? response.Body.Reader : null,
        // A body never asked for is never finished: it is empty, without trailers.
        Trailers = response.Body.Given ? Entries(response.Body.Trailers) : Task.FromResult<IReadOnlyList<(string Name, byte[] Value)>?>(null),
    };

    private static async Task<IReadOnlyList<(string Name, byte[] Value)>?> Entries(Task<Fields?> fields) => (await fields)?.Entries;

    internal static WorldExport Export(Component component) =>
        WorldExport.Find(component, "wasi:http/incoming-handler@0.2.", "handle", "it cannot serve HTTP");

    private static string Describe(Exception failure) => failure switch
    {
        HttpErrorException e => $"error-code {e.Code}",
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };
}
