using System.Diagnostics;
using System.Text.Json;
using WasmCloud.Wasm;
using WasmCloud.SpecTests;
using WasmCloud.Testing;

// Runs the WebAssembly spec test suite: each .wast is converted by wabt's wast2json, then every command
// is executed. Usage: WasmCloud.SpecTests [SUITE_DIR] [--only NAME] [--cache DIR] [--verbose]
// With --cache, modules are compiled through the engine's on-disk compile cache (PE images) instead of in memory;
// --split-threshold N splits every function longer than N bytes into chunk methods (the engine's own default is large);
// --consume-fuel compiles fuel charges in (with an unlimited tank, so results must not change).
var arguments = args.ToList();
var verbose = arguments.Remove("--verbose");
string? only = null;
string? cacheDirectory = null;
var cacheAt = arguments.IndexOf("--cache");
if (cacheAt >= 0)
{
    cacheDirectory = arguments[cacheAt + 1];
    arguments.RemoveRange(cacheAt, 2);
}
var consumeFuel = arguments.Remove("--consume-fuel");
var splitThreshold = new EngineConfig().FunctionSplitThreshold;
var splitAt = arguments.IndexOf("--split-threshold");
if (splitAt >= 0)
{
    splitThreshold = int.Parse(arguments[splitAt + 1], System.Globalization.CultureInfo.InvariantCulture);
    arguments.RemoveRange(splitAt, 2);
}
var onlyAt = arguments.IndexOf("--only");
if (onlyAt >= 0)
{
    only = arguments[onlyAt + 1];
    arguments.RemoveRange(onlyAt, 2);
}
var suite = arguments.FirstOrDefault() ?? Path.Combine(Repository.Root, "..", "shared", "wasm-spec-tests");
if (!Directory.Exists(suite))
{
    Console.WriteLine($"skipped: ../shared not found (no spec suite at {suite})");
    return 0;
}
if (!CanRun("wast2json"))
{
    Console.Error.WriteLine("wast2json not found: install wabt (apt-get install -y wabt)");
    return 2;
}

var files = Directory.GetFiles(suite, "*.wast").Select(f => (File: f, Flags: ""))
    .Concat(Directory.Exists(Path.Combine(suite, "proposals", "extended-const"))
        ? Directory.GetFiles(Path.Combine(suite, "proposals", "extended-const"), "*.wast").Select(f => (File: f, Flags: "--enable-extended-const"))
        : [])
    .Where(f => only is null || Path.GetFileNameWithoutExtension(f.File) == only)
    .OrderBy(f => f.File, StringComparer.Ordinal)
    .ToList();

var knownFailures = KnownFailures.Load(Repository.PathOf("docs/spec-known-failures.txt"));
var work = Path.Combine(Path.GetTempPath(), $"wasmcloud-spec-{Environment.ProcessId}");
var engine = new Engine(new EngineConfig { CacheDirectory = cacheDirectory, FunctionSplitThreshold = splitThreshold, ConsumeFuel = consumeFuel });
var reports = new (string Name, List<CommandResult> Results)[files.Count];
var stopwatch = Stopwatch.StartNew();
Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
{
    var (file, flags) = files[i];
    var relative = Path.GetRelativePath(suite, file);
    var name = Path.GetFileNameWithoutExtension(file);
    var directory = Path.Combine(work, relative.Replace('/', '_'));
    Directory.CreateDirectory(directory);
    var json = Path.Combine(directory, name + ".json");
    var results = new List<CommandResult>();
    if (!Convert(file, json, flags, out var error))
    {
        results.Add(new CommandResult(0, "wast2json", false, error));
    }
    else
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        results.AddRange(new ScriptRunner(directory, engine).Run(document.RootElement.GetProperty("commands"), skipAll: false, ""));
    }
    reports[i] = (relative, results);
});

int passed = 0, failed = 0, skipped = 0, allowed = 0;
Console.WriteLine($"{"file",-40} {"passed",7} {"failed",7} {"skipped",8}");
foreach (var (name, results) in reports)
{
    var p = results.Count(r => r.Passed == true);
    var failures = results.Where(r => r.Passed == false).ToList();
    var s = results.Count(r => r.Passed is null);
    var unexpected = failures.Where(f => !knownFailures.Contains(name, f.Line)).ToList();
    allowed += failures.Count - unexpected.Count;
    passed += p;
    failed += failures.Count;
    skipped += s;
    Console.WriteLine($"{name,-40} {p,7} {failures.Count,7} {s,8}");
    foreach (var failure in verbose ? failures : unexpected.Take(10))
        Console.WriteLine($"    FAIL {name}:{failure.Line} {failure.Type}: {failure.Detail}");
}
Console.WriteLine($"({stopwatch.Elapsed.TotalSeconds:F1} s; {allowed} of the failures are known and documented in docs/spec-known-failures.txt)");
Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
try { Directory.Delete(work, recursive: true); } catch (IOException) { }
return failed - allowed == 0 ? 0 : 1;

static bool Convert(string wast, string json, string flags, out string error)
{
    var start = new ProcessStartInfo("wast2json") { RedirectStandardError = true, RedirectStandardOutput = true };
    if (flags.Length > 0) start.ArgumentList.Add(flags);
    start.ArgumentList.Add(wast);
    start.ArgumentList.Add("-o");
    start.ArgumentList.Add(json);
    using var process = Process.Start(start)!;
    error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0;
}

static bool CanRun(string tool)
{
    try
    {
        using var process = Process.Start(new ProcessStartInfo(tool, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
        return true;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return false;
    }
}

