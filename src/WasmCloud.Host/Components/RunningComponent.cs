using Microsoft.AspNetCore.Http;
using WasmCloud.Components.Runtime;
using WasmCloud.Lattice.Control;
using WasmCloud.Wasi.Preview2.Http;

namespace WasmCloud.Host.Components;

/// <summary>
/// A component this host runs under an ID: the prepared code of its current image, how many instances may run at
/// once, and its annotations and named config. An update swaps the image; invocations already running finish
/// on the image they started with.
/// </summary>
internal sealed class RunningComponent
{
    private volatile Image _image;

    public RunningComponent(string id, Image image, uint maxInstances, Dictionary<string, string> annotations, List<string> config)
    {
        Id = id;
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
        _image = image;
        if (annotations is not null) Annotations = annotations;
    }

    public ComponentDescription Describe() => new()
    {
        Id = Id,
        ImageRef = ImageRef,
        Annotations = Annotations,
        MaxInstances = MaxInstances,
        Revision = 0,
    };

    /// <summary>Serves one HTTP request with a fresh instance, once one of the component's instance slots is free.</summary>
    public async Task HandleHttpAsync(HttpContext http)
    {
        var image = _image;
        if (image.Http is not { } handler)
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.Response.WriteAsync($"component {Id} does not export wasi:http/incoming-handler\n");
            return;
        }
        InstanceLimiter.Lease lease;
        try
        {
            lease = await Limiter.AcquireAsync(http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        using (lease)
        {
            await handler.HandleAsync(http);
        }
    }

    /// <summary>One fetched and prepared image of the component.</summary>
    public sealed record Image(string Reference, ComponentPre Pre, IncomingHandler? Http);
}
