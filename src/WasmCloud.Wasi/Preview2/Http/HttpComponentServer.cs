using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// Serves a wasi:http/incoming-handler component with Kestrel: each request gets a fresh instance of the
/// prepared component in its own store (limits, timeout, WASI context), so a guest that traps, spins or runs
/// out of memory fails its own request — a 500, or an aborted response once it has started — and nothing else.
/// </summary>
public sealed class HttpComponentServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpComponentServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address Kestrel listens on (with the real port when port 0 was asked).</summary>
    public Uri Address { get; }

    public static async Task<HttpComponentServer> StartAsync(Engine engine, Component component, HttpServerOptions options)
    {
        var wasi = new WasiPreview2();
        var linker = new ComponentLinker(engine);
        wasi.AddTo(linker);
        var handler = IncomingHandler.Create(wasi, linker.Prepare(component), options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Listen);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpComponentServer(app, new Uri(address.Replace("[::]", IPAddress.Loopback.ToString())));
    }

    /// <summary>Stops listening and lets the requests in flight finish.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
