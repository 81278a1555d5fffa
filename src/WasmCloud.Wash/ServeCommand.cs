using System.CommandLine;
using System.Net;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wasi.Preview2.Sockets;
using WasmCloud.Wasm;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash serve COMPONENT [--listen ADDRESS:PORT] [--reuse N]</c> serves a wasi:http/incoming-handler component
/// over HTTP, a fresh instance per request (or one instance for up to N requests), until Ctrl-C, which stops listening and lets the requests in flight finish.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("component") { Description = "the HTTP component to serve (wasi:http/incoming-handler)" };
        var listen = new Option<string>("--listen") { Description = "address and port to listen on", DefaultValueFactory = _ => "127.0.0.1:8000" };
        var timeout = new Option<double>("--timeout") { Description = "seconds a request's guest may run", DefaultValueFactory = _ => 30 };
        var reuse = new Option<int>("--reuse")
        {
            Description = "requests one instance may serve before it is discarded (1: a fresh instance per request; more carries state between requests)",
            DefaultValueFactory = _ => 1,
        };
        reuse.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--reuse wants a number of requests, at least 1"); });
        var allowed = new Option<string[]>("--allow-http") { Description = "a host (or host:port) the component may send requests to" };
        var network = new NetworkOptions();
        var command = new Command("serve", "Serve an HTTP component") { file, listen, timeout, reuse, allowed };
        network.AddTo(command);
        command.SetAction((result, cancel) => ServeAsync(result.GetValue(file)!, result.GetValue(listen)!, result.GetValue(timeout), result.GetValue(reuse), result.GetValue(allowed) ?? [],
            () => network.Policy(result), cancel));
        return command;
    }

    private static async Task<int> ServeAsync(FileInfo file, string listen, double timeout, int reuse, string[] allowedHosts, Func<SocketPolicy> sockets, CancellationToken cancel)
    {
        try
        {
            var socketPolicy = sockets();
            if (!IPEndPoint.TryParse(listen, out var endpoint)) throw new FormatException($"--listen wants ADDRESS:PORT, not `{listen}`");
            var engine = new Engine(new EngineConfig { CacheDirectory = CompileCacheLocation.Resolve() });
            var component = Component.FromBytes(engine, File.ReadAllBytes(file.FullName));
            var stdout = Console.OpenStandardOutput();
            var stderr = Console.OpenStandardError();
            await using var server = await HttpComponentServer.StartAsync(engine, component, new HttpServerOptions
            {
                Listen = endpoint,
                RequestTimeout = TimeSpan.FromSeconds(timeout),
                MaxInvocations = reuse,
                AllowedHttpHosts = allowedHosts.ToHashSet(StringComparer.OrdinalIgnoreCase),
                // The guests' output goes to wash's own stdout and stderr.
                Configuration = () => new WasiConfiguration { StandardOutput = stdout, StandardError = stderr, Sockets = socketPolicy },
            });
            Console.Error.WriteLine($"serving {file.Name} on {server.Address} (Ctrl-C stops)");
            // System.CommandLine turns Ctrl-C into this cancellation.
            await Task.Delay(Timeout.Infinite, cancel).ContinueWith(_ => { }, TaskScheduler.Default);
            await server.StopAsync();
            return 0;
        }
        catch (Exception e) when (e is WasmException or ComponentException or IOException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
