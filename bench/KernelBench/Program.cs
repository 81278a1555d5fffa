using System.Globalization;
using KernelBench;
using WasmCloud.Testing;

// Times C kernels natively, under V8 and under this engine, alternating, and prints medians and ratios.
// Usage: KernelBench [--runs N] [--only NAME[,NAME]]   (bench/run.sh installs the toolchain and runs this)
if (args.Length > 0 && args[0] == EngineChild.Flag) return EngineChild.Run(args[1], args[2..]);

var runs = 5;
string[]? only = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs") runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--only") only = args[++i].Split(',');
}

var repository = Repository.Root;
var sharedRoot = Path.GetFullPath(Path.Combine(repository, "..", "shared"));
var sharedKernels = Directory.Exists(Path.Combine(sharedRoot, "bench-kernels")) ? Path.Combine(sharedRoot, "bench-kernels") : null;
var runWasi = Path.Combine(sharedRoot, "tools", "run-wasi.mjs");
if (sharedKernels is null || !File.Exists(runWasi))
{
    Console.WriteLine("skipped: ../shared not found (the V8 yardstick script and shared kernels live there)");
    return 0;
}

var outDirectory = Path.Combine(repository, "bench", "out");
Directory.CreateDirectory(outDirectory);
var kernels = Kernel.All(repository, sharedKernels).Where(k => only is null || only.Contains(k.Name)).ToList();
foreach (var kernel in kernels)
{
    Console.Error.WriteLine($"building {kernel.Name}");
    Toolchain.Build(kernel, outDirectory);
}

var samples = kernels.ToDictionary(k => k.Name, _ => new Dictionary<string, List<Sample>> { ["native"] = [], ["v8"] = [], ["ours"] = [] });
for (var run = 1; run <= runs; run++)
{
    foreach (var kernel in kernels)
    {
        Console.Error.WriteLine($"run {run}/{runs}: {kernel.Name}");
        samples[kernel.Name]["native"].Add(Runners.Native(kernel, outDirectory));
        samples[kernel.Name]["v8"].Add(Runners.V8(kernel, outDirectory, runWasi));
        samples[kernel.Name]["ours"].Add(Runners.Ours(kernel, outDirectory));
    }
}

Console.WriteLine($"Median of {runs} runs, milliseconds of the program's own run (compile and instantiation excluded for both engines).");
Console.WriteLine();
Console.WriteLine("| kernel | native | V8 (--no-liftoff) | ours | ours/V8 | ours/native | not fully optimised | checksum |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
var versusV8 = new List<double>();
var versusNative = new List<double>();
foreach (var kernel in kernels)
{
    var byRunner = samples[kernel.Name];
    double Median(string runner) => byRunner[runner].Select(s => s.Milliseconds).Order().ElementAt(byRunner[runner].Count / 2);
    var outputs = byRunner.Values.SelectMany(s => s).Select(s => s.Output).Distinct().ToList();
    var agree = outputs.Count == 1;
    var (native, v8, ours) = (Median("native"), Median("v8"), Median("ours"));
    if (agree)
    {
        versusV8.Add(ours / v8);
        versusNative.Add(ours / native);
    }
    var checksum = agree ? outputs[0].Split('\n')[0] : "WRONG: outputs differ";
    var (optimized, notOptimized) = JitTiers.Count(kernel, outDirectory);
    Console.WriteLine($"| {kernel.Name} | {native:F0} | {v8:F0} | {ours:F0} | {ours / v8:F2} | {ours / native:F2} | {notOptimized} of {optimized + notOptimized} | {checksum} |");
}
static double GeometricMean(List<double> values) => values.Count == 0 ? double.NaN : Math.Exp(values.Average(Math.Log));
Console.WriteLine($"| **geometric mean** | | | | **{GeometricMean(versusV8):F2}** | **{GeometricMean(versusNative):F2}** | | |");
return 0;

