using System.Net;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Tests;

/// <summary>A fixture component served on a free loopback port for one test, and a client for it.</summary>
internal sealed class HttpServer : IAsyncDisposable
{
    private static readonly Engine Engine = new();
    private static readonly Dictionary<string, Component> Components = [];

    private readonly HttpComponentServer _server;

    private HttpServer(HttpComponentServer server)
    {
        _server = server;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public static async Task<HttpServer> StartAsync(string fixture, HttpServerOptions? options = null)
    {
        Component component;
        lock (Components)
            if (!Components.TryGetValue(fixture, out component!))
                Components[fixture] = component = Component.FromBytes(Engine, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));
        var server = await HttpComponentServer.StartAsync(Engine, component, (options ?? new HttpServerOptions()) with { Listen = new IPEndPoint(IPAddress.Loopback, 0) });
        return new HttpServer(server);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}
