using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// One Kestrel listener on one address, handing every request to a delegate (no request body size limit: bodies
/// are streamed to the guest). <c>wash serve</c>, the host's http-server and its admin endpoint all listen with it.
/// </summary>
public sealed class KestrelListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelListener(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address listened on, with the real port when port 0 was asked.</summary>
    public Uri Address { get; }

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
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelListener(app, new Uri(address.Replace("[::]", IPAddress.Loopback.ToString())));
    }

    /// <summary>Stops listening; requests in flight get a moment to finish.</summary>
    public async Task StopAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
