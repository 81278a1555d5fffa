using System.Diagnostics;
using System.Text.Json;
using WasmCloud.ComponentSpecTests;
using WasmCloud.Wasm;

// Runs the component model's test suite (../shared/component-model-tests): each .wast is converted by
// ../shared/tools/cmwast2json.mjs (jco's wasm-tools, installed into tools/ with npm), then every command runs.
// Usage: WasmCloud.ComponentSpecTests [SUITE_DIR] [--only NAME] [--verbose]
var arguments = args.ToList();
var verbose = arguments.Remove("--verbose");
string? only = null;
var onlyAt = arguments.IndexOf("--only");
if (onlyAt >= 0)
{
    only = arguments[onlyAt + 1];
    arguments.RemoveRange(onlyAt, 2);
}
var root = RepositoryRoot();
var shared = Path.Combine(root, "..", "shared");
var suite = arguments.FirstOrDefault() ?? Path.Combine(shared, "component-model-tests");
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

int passed = 0, failed = 0, notRunnable = 0;
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
    foreach (var failure in verbose ? failures : failures.Take(5))
        Console.WriteLine($"    FAIL {name}#{failure.Index} {failure.Type}: {failure.Detail}");
    if (verbose)
        foreach (var skipped in n) Console.WriteLine($"    NOT RUNNABLE {name}#{skipped.Index} {skipped.Type}: {skipped.Detail}");
}
Console.WriteLine($"({stopwatch.Elapsed.TotalSeconds:F1} s)");
Console.WriteLine($"{passed} passed, {failed} failed, {notRunnable} not runnable");
try { Directory.Delete(work, recursive: true); } catch (IOException) { }
return 0;

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

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WasmCloud.slnx"))) directory = directory.Parent;
    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
