using System.Diagnostics;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasm;

// Times instantiation from a pre-instantiated module: N instances made one after another (each dropped
// before the next, as a host does per invocation), reporting the median and the memory in use before and
// after. Usage: InstantiateBench FILE.wasm [N]
var file = args[0];
var count = args.Length > 1 ? int.Parse(args[1]) : 10_000;
var engine = new Engine();
var module = Module.FromFile(engine, file);
var linker = new Linker(engine);
new WasiPreview1(new WasiConfiguration()).AddTo(linker);
var pre = linker.InstantiatePre(module);

for (var i = 0; i < 100; i++)
{
    using var warmup = new Store(engine);
    pre.Instantiate(warmup);
}
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var before = Process.GetCurrentProcess().WorkingSet64;
var managedBefore = GC.GetTotalMemory(forceFullCollection: true);

var samples = new double[count];
for (var i = 0; i < count; i++)
{
    var start = Stopwatch.GetTimestamp();
    using var store = new Store(engine);
    pre.Instantiate(store);
    samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
}
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var after = Process.GetCurrentProcess().WorkingSet64;
var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
Array.Sort(samples);
Console.WriteLine($"{Path.GetFileName(file)}: {count} instantiations, median {samples[count / 2]:F1} µs, p99 {samples[count * 99 / 100]:F1} µs");
Console.WriteLine($"memory: working set {before / 1048576.0:F1} -> {after / 1048576.0:F1} MiB, managed heap {managedBefore / 1048576.0:F1} -> {managedAfter / 1048576.0:F1} MiB");
