using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WasmCloud.Host.Providers.HttpServer;

/// <summary>One Kestrel listener on one address, handing every request to a delegate.</summary>
internal sealed class KestrelListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelListener(WebApplication app, IPEndPoint endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    public static async Task<KestrelListener> StartAsync(IPEndPoint endpoint, RequestDelegate handle)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(endpoint);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync();
        return new KestrelListener(app, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        // Requests in flight get a moment to finish.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
