using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using WasmCloud.ComponentSpecTests;
using WasmCloud.Wasm;
using WasmCloud.Testing;

// Runs the component model's test suite (../shared/component-model-tests): each .wast is converted by
// ../shared/tools/cmwast2json.mjs (jco's wasm-tools, installed into tools/ with npm), then every command runs.
// Usage: WasmCloud.ComponentSpecTests [SUITE_DIR] [--only NAME] [--verbose]
// Exits 1 when a command fails that docs/component-spec-known-failures.txt does not list.
var verbose = args.Contains("--verbose");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
// The repository root is fixed when the runner is built (see the project file), not searched for at run time.
var root = Repository.Root;
var shared = Path.Combine(root, "..", "shared");
var suite = args.Where((a, i) => !a.StartsWith("--") && (i == 0 || args[i - 1] != "--only")).FirstOrDefault() ?? Path.Combine(shared, "component-model-tests");
var converter = Path.Combine(shared, "tools", "cmwast2json.mjs");
if (!Directory.Exists(suite) || !File.Exists(converter))
{
    Console.WriteLine($"skipped: ../shared not found (no component-model tests at {suite})");
    return 0;
}

var tools = Path.Combine(root, "tests", "WasmCloud.ComponentSpecTests", "tools");
if (!Directory.Exists(Path.Combine(tools, "node_modules", "@bytecodealliance", "jco-transpile")))
{
    Console.Error.WriteLine($"npm packages missing: run `npm install` in {tools}");
    return 2;
}
// The converter's imports resolve from its own folder, so it runs from a copy next to node_modules.
File.Copy(converter, Path.Combine(tools, "cmwast2json.mjs"), overwrite: true);

var files = Directory.GetFiles(suite, "*.wast", SearchOption.AllDirectories)
    .Where(f => only is null || Path.GetFileNameWithoutExtension(f) == only)
    .OrderBy(f => f, StringComparer.Ordinal)
    .ToList();
var work = Path.Combine(Path.GetTempPath(), $"wasmcloud-component-spec-{Environment.ProcessId}");
var engine = new Engine();
var reports = new (string Name, List<CommandResult> Results)[files.Count];
var stopwatch = Stopwatch.StartNew();
Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
{
    var file = files[i];
    var relative = Path.GetRelativePath(suite, file);
    var directory = Path.Combine(work, relative.Replace('/', '_'));
    Directory.CreateDirectory(directory);
    var json = Path.Combine(directory, Path.GetFileNameWithoutExtension(file) + ".json");
    var results = new List<CommandResult>();
    if (!Convert(tools, file, directory, out var error)) results.Add(new CommandResult(0, "cmwast2json", Outcome.Failed, error));
    else
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        results.AddRange(new ScriptRunner(directory, engine).Run(document.RootElement.GetProperty("commands")));
    }
    reports[i] = (relative, results);
});

var knownFailures = KnownFailures.Load(Path.Combine(root, "docs", "component-spec-known-failures.txt"));
int passed = 0, failed = 0, notRunnable = 0, unlisted = 0;
Console.WriteLine($"{"file",-48} {"passed",7} {"failed",7} {"not runnable",13}");
foreach (var (name, results) in reports)
{
    var p = results.Count(r => r.Outcome == Outcome.Passed);
    var failures = results.Where(r => r.Outcome == Outcome.Failed).ToList();
    var n = results.Where(r => r.Outcome == Outcome.NotRunnable).ToList();
    passed += p;
    failed += failures.Count;
    notRunnable += n.Count;
    Console.WriteLine($"{name,-48} {p,7} {failures.Count,7} {n.Count,13}");
    var unexpected = failures.Where(f => !knownFailures.Contains(name, f.Index)).ToList();
    unlisted += unexpected.Count;
    foreach (var failure in verbose ? failures : unexpected)
        Console.WriteLine($"    FAIL {KnownFailures.Location(name, failure.Index)} {failure.Type}: {failure.Detail}");
    if (verbose)
        foreach (var skipped in n) Console.WriteLine($"    NOT RUNNABLE {KnownFailures.Location(name, skipped.Index)} {skipped.Type}: {skipped.Detail}");
}
Console.WriteLine($"({stopwatch.Elapsed.TotalSeconds:F1} s)");
Console.WriteLine($"{passed} passed, {failed} failed ({failed - unlisted} of them listed as known), {notRunnable} not runnable");
foreach (var stale in knownFailures.Stale(reports.Select(r => (r.Name, r.Results))))
    Console.WriteLine($"listed as a known failure but did not fail (remove it from the list): {stale}");
try { Directory.Delete(work, recursive: true); } catch (IOException) { }
return unlisted == 0 ? 0 : 1;

static bool Convert(string tools, string wast, string outDirectory, out string error)
{
    var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = tools };
    start.ArgumentList.Add("cmwast2json.mjs");
    start.ArgumentList.Add(wast);
    start.ArgumentList.Add(outDirectory);
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    error = process.StandardError.ReadToEnd();
    stdout.Wait();
    process.WaitForExit();
    return process.ExitCode == 0;
}
