using Microsoft.AspNetCore.Http;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;
using WasmCloud.Lattice.Control;
using WasmCloud.Wasi.Preview2.Http;

namespace WasmCloud.Host.Components;

/// <summary>
/// A component this host runs under an ID: the prepared code of its current image with the instances that serve it,
/// how many instances may run at once, and its annotations and named config. An update swaps the image;
/// invocations already running finish on the image they started with.
/// </summary>
internal sealed class RunningComponent
{
    private volatile Image _image;

    private readonly ComponentRuntime _runtime;

    public RunningComponent(string id, Image image, uint maxInstances, Dictionary<string, string> annotations, List<string> config,
        ComponentRuntime runtime)
    {
        Id = id;
        _runtime = runtime;
        _image = image;
        Limiter = new InstanceLimiter((int)Math.Min(maxInstances, int.MaxValue));
        MaxInstances = maxInstances;
        Annotations = annotations;
        Config = config;
    }

    public string Id { get; }
    public string ImageRef => _image.Reference;
    public uint MaxInstances { get; private set; }
    public Dictionary<string, string> Annotations { get; private set; }
    public List<string> Config { get; private set; }
    public InstanceLimiter Limiter { get; }

    public void Rescale(uint maxInstances, Dictionary<string, string>? annotations, List<string> config)
    {
        MaxInstances = maxInstances;
        Limiter.Limit = (int)Math.Min(maxInstances, int.MaxValue);
        if (annotations is not null) Annotations = annotations;
        Config = config;
    }

    public void Update(Image image, Dictionary<string, string>? annotations)
    {
        var previous = Interlocked.Exchange(ref _image, image);
        if (annotations is not null) Annotations = annotations;
        // Its warm instances go now; the invocations still running on it discard theirs as they end.
        previous.Dispose();
    }

    public ComponentDescription Describe() => new()
    {
        Id = Id,
        ImageRef = ImageRef,
        Annotations = Annotations,
        MaxInstances = MaxInstances,
        Revision = 0,
    };

    /// <summary>Whether the current image exports wasi:http/incoming-handler.</summary>
    public bool ServesHttp => _image.Http is not null;

    /// <summary>
    /// Serves one HTTP request (from this host's http-server, or over wRPC) with a fresh instance, once one of the
    /// component's instance slots is free; a caller that gives up while waiting gets nothing.
    /// </summary>
    public async Task ServeHttpAsync(ServedRequest request, IHttpResponder responder, CancellationToken cancel)
    {
        InstanceLimiter.Lease lease;
        try
        {
            lease = await Limiter.AcquireAsync(cancel);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await ServeHttpAsync(lease, request, responder, cancel);
    }

    /// <summary>Serves the request at once if an instance slot is free now; false (and nothing done) if none is.</summary>
    public bool TryServeHttpNow(ServedRequest request, IHttpResponder responder, CancellationToken cancel, out Task serving)
    {
        serving = Task.CompletedTask;
        if (!Limiter.TryAcquire(out var lease)) return false;
        serving = ServeHttpAsync(lease, request, responder, cancel);
        return true;
    }

    private async Task ServeHttpAsync(InstanceLimiter.Lease lease, ServedRequest request, IHttpResponder responder, CancellationToken cancel)
    {
        using (lease)
        {
            if (_image.Http is { } handler) await handler.ServeAsync(request, responder, cancel);
            else await responder.FailAsync(ErrorCode.InternalError($"component {Id} does not export wasi:http/incoming-handler"),
                $"component {Id} does not export wasi:http/incoming-handler");
        }
    }

    /// <summary>
    /// Calls an exported function in an instance of its own (fresh, or warm when the component allows reuse), once an
    /// instance slot is free; runs on the calling thread (a guest thread, when one component calls another on this host).
    /// </summary>
    public ComponentValue? Invoke(string? instance, string function, ComponentValue[] args, CancellationToken cancel) =>
        Invoke(instance, function, _ => args, cancel);

    /// <summary>An invocation whose arguments are made in the instance's own context (resources handed to the guest).</summary>
    public ComponentValue? Invoke(string? instance, string function, Func<WasiContext, ComponentValue[]> args, CancellationToken cancel)
    {
        using var lease = Limiter.AcquireAsync(cancel).AsTask().GetAwaiter().GetResult();
        var instances = _image.Instances;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(_runtime.MaxExecutionTime);
        var rented = instances.Rent(deadline.Token);
        var clean = false;
        try
        {
            var exported = ComponentExports.Find(rented.Instance, instance, function)
                ?? throw new ComponentException($"component {Id} exports no function {function}{(instance is null ? "" : $" in {instance}")}");
            var result = exported.Call(args(rented.Context));
            clean = true;
            return result;
        }
        finally
        {
            instances.Return(rented, clean);
        }
    }

    /// <summary>Serves the current image's exports over wRPC (again, after an update: the exports may differ).</summary>
    public async Task ServeAsync(LatticeHost host)
    {
        var servers = await ExportServers.StartAsync(host, this, ComponentExports.Callable(_image.Instances.Component.Component));
        var previous = Interlocked.Exchange(ref _servers, servers);
        if (previous is not null) await previous.DisposeAsync();
    }

    /// <summary>Stops serving the exports over wRPC and discards the warm instances.</summary>
    public async Task StopServingAsync()
    {
        if (Interlocked.Exchange(ref _servers, null) is { } servers) await servers.DisposeAsync();
        _image.Dispose();
    }

    private ExportServers? _servers;

    /// <summary><see cref="Invoke"/> on a guest thread, for calls that arrive over the lattice.</summary>
    public Task<ComponentValue?> InvokeAsync(string? instance, string function, ComponentValue[] args, CancellationToken cancel) =>
        GuestExecution.RunAsync(() => Invoke(instance, function, args, cancel));

    public Task<ComponentValue?> InvokeAsync(string? instance, string function, Func<WasiContext, ComponentValue[]> args, CancellationToken cancel) =>
        GuestExecution.RunAsync(() => Invoke(instance, function, args, cancel));

    /// <summary>Whether the current image exports the interface (<c>ns:pkg/iface@version</c>, at that version).</summary>
    public bool Exports(string instance) => _image.Instances.Component.Component.Type.Exports.ContainsKey(instance);

    /// <summary>One fetched and prepared image of the component, with the instances that serve its calls, HTTP and the rest.</summary>
    public sealed record Image(string Reference, InstancePool Instances, IncomingHandler? Http) : IDisposable
    {
        public void Dispose() => Instances.Dispose();
    }
}
