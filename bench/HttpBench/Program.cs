using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wasm;
using WasmCloud.Testing;

// Requests per second and latency of `wash serve`'s host serving the compiled (C) and JavaScript hello components,
// each with a fresh instance per request and with warm instances (--reuse), and of a wasmCloud host serving the
// JavaScript one through its builtin http-server (a nats-server of its own, the component linked from the provider),
// side by side with bare Kestrel answering the same text, all loaded by wrk on this machine (wrk shares its cores).
// Usage: HttpBench [--seconds N] [--connections N] [--rounds N] [--only KEY]     (needs wrk and nats-server)
// --only loads one server (kestrel, c, c-reuse, js, js-handler, js-reuse, host), e.g. to profile it alone.
// --component-only [N] times the component side alone (ComponentOnly.cs): no Kestrel, no wrk.
var seconds = ArgumentValue("--seconds", 10);
var onlyAt = Array.IndexOf(args, "--only");
var only = onlyAt >= 0 ? args[onlyAt + 1] : null;
var connections = ArgumentValue("--connections", 16);
var rounds = ArgumentValue("--rounds", 3);
const int Reuse = 10_000;
var repository = Repository.Root;
if (Array.IndexOf(args, "--component-only") is var componentOnly and >= 0)
{
    await ComponentOnly.RunAsync(repository, componentOnly + 1 < args.Length ? int.Parse(args[componentOnly + 1], CultureInfo.InvariantCulture) : 20_000);
    return 0;
}

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
await using var kestrel = builder.Build();
kestrel.Run(context => context.Response.WriteAsync($"Hello from wasmCloud for .NET! {context.Request.Method} {context.Request.Path}"));
await kestrel.StartAsync();
var kestrelAddress = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

var engine = new Engine();
var servers = new List<HttpComponentServer>();
async Task<string> Serve(string example, string file, int maxInvocations)
{
    var component = Component.FromBytes(engine, File.ReadAllBytes(Path.Combine(repository, "examples", example, file)));
    var server = await HttpComponentServer.StartAsync(engine, component,
        new HttpServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), MaxInvocations = maxInvocations });
    servers.Add(server);
    return server.Address + "";
}

await using var nats = await NatsServerProcess.StartAsync(dir => $"jetstream {{ store_dir: \"{dir}/js\" }}");
var hostEndpoint = new WasmCloud.Lattice.NatsEndpoint { Port = nats.Port };
await using var host = await WasmCloud.Host.LatticeHost.StartAsync(
    new WasmCloud.Host.HostOptions { Ctl = hostEndpoint, Rpc = hostEndpoint, AllowFileLoad = true }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
var hostUrl = only is null || only == "host" ? await ServeThroughHostAsync(host, nats.Url) : "";

var targets = new (string Key, string Name, Func<Task<string>> Start)[]
    {
        ("kestrel", "bare Kestrel", () => Task.FromResult(kestrelAddress + "/")),
        ("c", "wash serve, compiled hello (C), fresh instance per request", () => Serve("http-hello-c", "hello.wasm", 1)),
        ("c-reuse", $"wash serve --reuse {Reuse}, compiled hello (C)", () => Serve("http-hello-c", "hello.wasm", Reuse)),
        ("js", "wash serve, JS hello (fetch event), fresh instance per request", () => Serve("http-hello-js", "hello.wasm", 1)),
        ("js-handler", "wash serve, JS hello (handler export), fresh instance per request", () => Serve("http-hello-js", "handler.wasm", 1)),
        ("js-reuse", $"wash serve --reuse {Reuse}, JS hello (handler export)", () => Serve("http-hello-js", "handler.wasm", Reuse)),
        ("host", "wasmcloud host, builtin http-server, JS hello (fetch event, max 64 instances)", () => Task.FromResult(hostUrl)),
    }
    .Where(t => only is null || t.Key == only).ToArray();
var urls = new List<(string Key, string Name, string Url)>();
foreach (var (key, name, start) in targets) urls.Add((key, name, await start()));
foreach (var (_, _, url) in urls) Wrk(url, 3); // warm up: JIT, pools, connections
var results = urls.ToDictionary(t => t.Key, _ => new List<(double Rps, double P50, double P99)>());
for (var round = 0; round < rounds; round++)
    foreach (var (key, _, url) in urls) results[key].Add(Wrk(url, seconds));

Console.WriteLine($"wrk -t2 -c{connections} -d{seconds}s, median of {rounds} rounds, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine("| server | requests/s | of bare Kestrel | p50 | p99 |");
Console.WriteLine("|---|---:|---:|---:|---:|");
var kestrelRps = results.TryGetValue("kestrel", out var bare) ? Median(bare).Rps : double.NaN;
foreach (var (key, name, _) in urls)
{
    var median = Median(results[key]);
    Console.WriteLine($"| {name} | {median.Rps:F0} | {median.Rps / kestrelRps:P1} | {median.P50:F2} ms | {median.P99:F2} ms |");
}
foreach (var server in servers) await server.DisposeAsync();
return 0;

// The round with the median requests/s, with its own latencies.
static (double Rps, double P50, double P99) Median(List<(double Rps, double P50, double P99)> rounds) =>
    rounds.OrderBy(r => r.Rps).ElementAt(rounds.Count / 2);

// Starts the example on the host as a user would: the component, the builtin http-server, its address as config, the link.
static async Task<string> ServeThroughHostAsync(WasmCloud.Host.LatticeHost host, string natsUrl)
{
    await using var client = new NATS.Client.Core.NatsConnection(new NATS.Client.Core.NatsOpts { Url = natsUrl });
    var ctl = new WasmCloud.Lattice.CtlClient(client, new WasmCloud.Lattice.Subjects("default"));
    var port = NatsServerProcess.FreePort();
    await using (var events = await ctl.WatchEventsAsync())
    {
        await ctl.ScaleComponentAsync(new WasmCloud.Lattice.Control.ScaleComponentCommand
        {
            ComponentRef = "file://" + Path.Combine(Repository.Root, "examples", "http-hello-js", "hello.wasm"), ComponentId = "hello", HostId = host.Id, Count = 64,
        });
        _ = await events.WaitForAsync(e => e.Name == "component_scaled", TimeSpan.FromSeconds(120)) ?? throw new InvalidOperationException("the component did not start");
    }
    await ctl.PutConfigAsync("hello-http", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" });
    await ctl.StartProviderAsync(new WasmCloud.Lattice.Control.StartProviderCommand { ProviderId = "http", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id });
    await ctl.PutLinkAsync(new WasmCloud.Lattice.Control.Link
    {
        SourceId = "http", Target = "hello", WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = ["hello-http"],
    });
    using var http = new HttpClient();
    for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100))
    {
        try
        {
            await http.GetStringAsync($"http://127.0.0.1:{port}/");
            return $"http://127.0.0.1:{port}/";
        }
        catch (HttpRequestException) when (DateTime.UtcNow < deadline)
        {
        }
    }
}

(double Rps, double P50, double P99) Wrk(string url, int duration)
{
    var start = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{duration}s", "--latency", url]) { RedirectStandardOutput = true };
    using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start wrk (apt-get install -y wrk)");
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    double Milliseconds(string percentile)
    {
        var match = Regex.Match(output, $@"\s{percentile}%\s+([0-9.]+)(us|ms|s)");
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }
    var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
    if (Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)") is { Success: true } errors)
        throw new InvalidOperationException($"{errors.Groups[1].Value} failed responses from {url}");
    return (rps, Milliseconds("50"), Milliseconds("99"));
}

int ArgumentValue(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

