using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// Serves a wasi:http/incoming-handler component with Kestrel: each request gets an instance of the prepared
/// component in its own store (limits, timeout, WASI context), fresh unless warm instances were asked for, so a
/// guest that traps, spins or runs out of memory fails its own request — a 500, or an aborted response once it has
/// started — and nothing else (its instance is discarded).
/// </summary>
public sealed class HttpComponentServer : IAsyncDisposable
{
    private readonly KestrelListener _listener;
    private readonly InstancePool _instances;

    private HttpComponentServer(KestrelListener listener, InstancePool instances) => (_listener, _instances) = (listener, instances);

    /// <summary>The address Kestrel listens on (with the real port when port 0 was asked).</summary>
    public Uri Address => _listener.Address;

    public static async Task<HttpComponentServer> StartAsync(Engine engine, Component component, HttpServerOptions options)
    {
        var wasi = new WasiPreview2();
        var linker = new ComponentLinker(engine);
        wasi.AddTo(linker);
        var instances = options.Instances(linker.Prepare(component));
        try
        {
            var handler = IncomingHandler.Create(wasi, instances, options.RequestTimeout);
            return new HttpComponentServer(await KestrelListener.StartAsync(options.Listen, handler.HandleAsync), instances);
        }
        catch
        {
            instances.Dispose();
            throw;
        }
    }

    /// <summary>Stops listening and lets the requests in flight finish.</summary>
    public Task StopAsync() => _listener.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        _instances.Dispose();
    }
}
