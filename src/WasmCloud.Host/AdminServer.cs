using System.Net;
using Microsoft.AspNetCore.Http;
using WasmCloud.Wasi.Preview2.Http;

namespace WasmCloud.Host;

/// <summary><c>--http-admin</c>: <c>GET|HEAD /livez</c> (the process runs) and <c>/readyz</c> (it is joined to its lattice), as upstream serves them.</summary>
internal sealed class AdminServer : IAsyncDisposable
{
    private readonly KestrelListener _listener;

    private AdminServer(KestrelListener listener) => _listener = listener;

    public static async Task<AdminServer> StartAsync(IPEndPoint address, Func<bool> ready) =>
        new(await KestrelListener.StartAsync(address, async http =>
        {
            var path = http.Request.Path.Value;
            var method = http.Request.Method;
            if (method is not ("GET" or "HEAD") || path is not ("/livez" or "/readyz"))
            {
                http.Response.StatusCode = path is "/livez" or "/readyz" ? 405 : 404;
                return;
            }
            var ok = path == "/livez" || ready();
            http.Response.StatusCode = ok ? 200 : 503;
            http.Response.ContentType = "application/json";
            if (method == "GET") await http.Response.WriteAsync(ok ? "{\"status\":\"ok\"}" : "{\"status\":\"not ready\"}");
        }));

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
