using System.Diagnostics;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wasm;

/// <summary>
/// The component side of serving alone (HttpBench --component-only): requests one after another straight into
/// <see cref="IncomingHandler.ServeAsync"/>, the answer read and dropped, no Kestrel and no sockets; microseconds and
/// managed bytes per request, fresh and warm; the median of three rounds, after a warm-up round (tiered compilation
/// takes a few seconds to reach the host's code).
/// </summary>
internal static class ComponentOnly
{
    public static async Task RunAsync(string repository, int requests)
    {
        var engine = new Engine();
        var wasi = new WasiPreview2();
        var linker = new ComponentLinker(engine);
        wasi.AddTo(linker);
        Console.WriteLine($"{requests} requests one after another into IncomingHandler.ServeAsync (a twentieth for fresh JS), median of 3 rounds after a warm-up round");
        Console.WriteLine("| component | instances | µs per request | managed bytes per request |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var (name, example, file) in new[] { ("compiled hello (C)", "http-hello-c", "hello.wasm"), ("JS hello (handler export)", "http-hello-js", "handler.wasm") })
        {
            var pre = linker.Prepare(Component.FromBytes(engine, File.ReadAllBytes(Path.Combine(repository, "examples", example, file))));
            foreach (var maxInvocations in new[] { 1, 1_000_000 })
            {
                var options = new HttpServerOptions { MaxInvocations = maxInvocations };
                using var instances = options.Instances(pre);
                var handler = IncomingHandler.Create(wasi, instances, options.RequestTimeout);
                var count = example == "http-hello-js" && maxInvocations == 1 ? requests / 20 : requests;
                var rounds = new List<(double Microseconds, long Bytes)>();
                for (var round = 0; round < 4; round++)
                {
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var start = Stopwatch.GetTimestamp();
                    for (var i = 0; i < count; i++) await ServeOneAsync(handler);
                    var elapsed = Stopwatch.GetElapsedTime(start);
                    if (round > 0) rounds.Add((elapsed.TotalMicroseconds / count, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / count));
                }
                var (microseconds, bytes) = rounds.OrderBy(r => r.Microseconds).ElementAt(1);
                Console.WriteLine($"| {name} | {(maxInvocations == 1 ? "fresh" : "warm")} | {microseconds:F1} | {bytes:N0} |");
            }
        }
    }

    private static Task ServeOneAsync(IncomingHandler handler) => handler.ServeAsync(
        new ServedRequest { Method = "GET", PathWithQuery = "/", Scheme = "http", Authority = "localhost", Headers = [], Body = Stream.Null },
        Discard.Instance, CancellationToken.None);

    /// <summary>Reads each answer's body to its end and drops it; a failure stops the benchmark.</summary>
    private sealed class Discard : IHttpResponder
    {
        public static readonly Discard Instance = new();

        public async Task SendAsync(ServedResponse response, CancellationToken cancel)
        {
            if (response.Body is not { } body) return;
            while (true)
            {
                var read = await body.ReadAsync(cancel);
                body.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted) break;
            }
            await body.CompleteAsync();
        }

        public Task FailAsync(ComponentValue errorCode, string reason) => throw new InvalidOperationException($"the request failed: {reason}");
    }
}
