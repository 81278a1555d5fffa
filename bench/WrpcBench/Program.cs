using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Components.Types;
using WasmCloud.Host;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

// A small call between two components, three ways, in one run against one nats-server on this machine:
//   in-process  the caller's link names a greeter on the same host: the host calls it directly (fresh instance)
//   wRPC/NATS   the caller's link names a greeter on another host: the same call goes over wRPC
//   … warm      the same two with the greeter's instances kept warm (wasmcloud.dev/max-invocations)
//   wRPC only   the transport without a component: a wRPC server answering the same bytes at once
//   raw NATS    the yardstick: a NATS.Net request/reply carrying the same bytes, answered by a plain responder
// Each is example:wrpc/greeter.greet("bench") -> "Hello, bench!" (examples/wrpc-greeter). Reports median and p99.
// Usage: dotnet run -c Release --project bench/WrpcBench [-- CALLS]
var calls = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5000;
await using var server = await NatsServerProcess.StartAsync(dir => $"jetstream {{ store_dir: \"{dir}/js\" }}");
var cache = Directory.CreateTempSubdirectory("wrpc-bench-cache-").FullName;
try
{
    var endpoint = new NatsEndpoint { Port = server.Port };
    var options = new HostOptions { Ctl = endpoint, Rpc = endpoint, AllowFileLoad = true, CompileCacheDirectory = cache };
    await using var near = await LatticeHost.StartAsync(options, NullLoggerFactory.Instance);
    await using var far = await LatticeHost.StartAsync(options, NullLoggerFactory.Instance);
    await using var nats = new NatsConnection(new NatsOpts { Url = server.Url });
    var ctl = new CtlClient(nats, new Subjects("default"));
    var greeter = "file://" + Repository.PathOf("examples/wrpc-greeter/greeter.wasm");
    await StartAsync(ctl, near, "greeter_near", greeter);
    await StartAsync(ctl, far, "greeter_far", greeter);
    var warm = new Dictionary<string, string> { ["wasmcloud.dev/max-invocations"] = "1000000" };
    await StartAsync(ctl, near, "greeter_near_warm", greeter, warm);
    await StartAsync(ctl, far, "greeter_far_warm", greeter, warm);
    var links = new[] { ("bench_near", "greeter_near"), ("bench_far", "greeter_far"), ("bench_near_warm", "greeter_near_warm"), ("bench_far_warm", "greeter_far_warm") };
    foreach (var (source, target) in links)
        await ctl.PutLinkAsync(new Link { SourceId = source, Target = target, WitNamespace = "example", WitPackage = "wrpc", Interfaces = ["greeter"] });
    while (links.Any(l => near.Links.Probe(l.Item1) is null)) await Task.Delay(20);

    var codec = new FunctionCodec(new FuncType([new Field("name", ValType.Of(WasmCloud.Components.Format.PrimitiveType.String))], ValType.Of(WasmCloud.Components.Format.PrimitiveType.String)));
    ComponentValue[] arguments = [ComponentValue.String("bench")];
    const string instance = "example:wrpc/greeter@0.1.0";
    var inProcess = await Measure(calls, () => Task.Run(() => near.Links.Call("bench_near", "default", instance, "greet", codec, arguments)));
    var overNats = await Measure(calls, () => Task.Run(() => near.Links.Call("bench_far", "default", instance, "greet", codec, arguments)));
    var inProcessWarm = await Measure(calls, () => Task.Run(() => near.Links.Call("bench_near_warm", "default", instance, "greet", codec, arguments)));
    var overNatsWarm = await Measure(calls, () => Task.Run(() => near.Links.Call("bench_far_warm", "default", instance, "greet", codec, arguments)));

    // The yardstick carries what the wRPC call carries: the encoded argument out, the encoded result back.
    var request = new byte[] { 5, (byte)'b', (byte)'e', (byte)'n', (byte)'c', (byte)'h' };
    var reply = new byte[] { 13 }.Concat("Hello, bench!"u8.ToArray()).ToArray();
    await using var responder = await nats.SubscribeCoreAsync<byte[]>("bench.raw");
    var answering = Task.Run(async () =>
    {
        await foreach (var msg in responder.Msgs.ReadAllAsync()) await msg.ReplyAsync(reply);
    });
    var raw = await Measure(calls, () => nats.RequestAsync<byte[], byte[]>("bench.raw", request).AsTask());

    // The transport alone: a wRPC server that answers the same bytes without running a component.
    await using var bare = await WrpcServer.StartAsync(nats, "default.bare.wrpc.0.0.1.greet", "default.bare", (_, _) => Task.FromResult(reply),
        NullLogger.Instance, decodeParameters: bytes => bytes.ToArray());
    await using var client = new WrpcClient(nats);
    var transport = await Measure(calls, () => client.InvokeAsync("default.bare.wrpc.0.0.1.greet", request, bytes => bytes.ToArray()));

    Console.WriteLine($"{calls} calls of greet(\"bench\") each way, after {calls / 10} warm-up calls");
    Console.WriteLine($"{"path",-18} {"median µs",10} {"p99 µs",10} {"vs raw",8}");
    foreach (var (name, sample) in new[]
             {
                 ("in-process", inProcess), ("wRPC/NATS", overNats), ("in-process, warm", inProcessWarm), ("wRPC/NATS, warm", overNatsWarm),
                 ("wRPC only", transport), ("raw NATS", raw),
             })
        Console.WriteLine($"{name,-18} {sample.Median,10:F1} {sample.P99,10:F1} {sample.Median / raw.Median,7:F2}x");
    Console.WriteLine($"NATS path / in-process path: {overNats.Median / inProcess.Median:F1}x fresh, {overNatsWarm.Median / inProcessWarm.Median:F1}x warm");
}
finally
{
    Directory.Delete(cache, recursive: true);
}

static async Task StartAsync(CtlClient ctl, LatticeHost host, string id, string reference, Dictionary<string, string>? annotations = null)
{
    await using var events = await ctl.WatchEventsAsync();
    await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = reference, ComponentId = id, HostId = host.Id, Count = 16, Annotations = annotations });
    if (await events.WaitForAsync(e => e.Name == "component_scaled" && e.Source == host.Id && e.Data.GetProperty("component_id").GetString() == id, TimeSpan.FromSeconds(60)) is null)
        throw new InvalidOperationException($"{id} did not start");
}

static async Task<(double Median, double P99)> Measure(int calls, Func<Task> call)
{
    for (int i = 0; i < calls / 10; i++) await call();
    var samples = new double[calls];
    for (int i = 0; i < calls; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await call();
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }
    Array.Sort(samples);
    return (samples[calls / 2], samples[calls * 99 / 100]);
}
