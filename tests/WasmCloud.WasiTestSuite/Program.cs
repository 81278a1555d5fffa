using System.Diagnostics;
using System.Text;
using System.Text.Json;
using WasmCloud.Testing;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasm;

// Runs WASI's own test suite (../shared/wasi-testsuite: the prebuilt Rust, C and AssemblyScript preview1 programs of
// WebAssembly/wasi-testsuite) against our wasi_snapshot_preview1 host, judging each as that project's runner does:
// the exit code must match, expected stdout and stderr must be prefixes of what the program printed, `args` and `env`
// are given, and `root` is copied fresh and preopened as `/`. One line per program; exits 1 when a program fails
// that docs/wasi-testsuite-known-failures.txt does not list (or a listed one passes, so the list stays true).
var suite = Repository.Shared("wasi-testsuite");
if (suite is null)
{
    Console.WriteLine("skipped: ../shared not found (no WASI test suite at ../shared/wasi-testsuite)");
    return 0;
}
var known = File.ReadLines(Repository.PathOf("docs/wasi-testsuite-known-failures.txt"))
    .Select(line => line.Split('#')[0].Trim()).Where(line => line.Length > 0)
    .ToDictionary(line => line.Split(' ')[0], line => line[(line.IndexOf(' ') + 1)..]);
var engine = new Engine();
var stopwatch = Stopwatch.StartNew();
int passed = 0, failed = 0, unexpected = 0;
foreach (var language in new[] { "assemblyscript", "c", "rust" })
{
    var folder = Path.Combine(suite, "tests", language, "testsuite", "wasm32-wasip1");
    if (!Directory.Exists(folder)) continue;
    foreach (var program in Directory.GetFiles(folder, "*.wasm").Order(StringComparer.Ordinal))
    {
        var name = $"{language}/{Path.GetFileNameWithoutExtension(program)}";
        var problem = Run(engine, program);
        var listed = known.ContainsKey(name);
        if (problem is null) passed++;
        else failed++;
        if ((problem is null) == listed) unexpected++;
        Console.WriteLine(problem is null
            ? $"{(listed ? "PASS (listed as failing: remove it from the list)" : "pass")} {name}"
            : $"{(listed ? "fail (known)" : "FAIL")} {name}: {problem}");
    }
}
Console.WriteLine($"({stopwatch.Elapsed.TotalSeconds:F1} s) {passed} passed, {failed} failed ({known.Count} listed as known in docs/wasi-testsuite-known-failures.txt), {unexpected} unexpected");
return unexpected == 0 ? 0 : 1;

// Null when the program behaves as its expectations say; otherwise what was different.
static string? Run(Engine engine, string program)
{
    var expectations = Path.ChangeExtension(program, ".json");
    using var json = File.Exists(expectations) ? JsonDocument.Parse(File.ReadAllText(expectations)) : JsonDocument.Parse("{}");
    var spec = json.RootElement;
    var root = spec.TryGetProperty("root", out var r) ? r.GetString() : null;
    var scratch = Directory.CreateTempSubdirectory("wasi-testsuite-").FullName;
    try
    {
        var preopens = new List<Preopen>();
        if (root is not null)
        {
            var copy = Path.Combine(scratch, root);
            CopyDirectory(Path.Combine(Path.GetDirectoryName(program)!, root), copy);
            preopens.Add(new Preopen(copy, "/"));
        }
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var configuration = new WasiConfiguration
        {
            Arguments = [Path.GetFileName(program), .. spec.TryGetProperty("args", out var a) ? a.EnumerateArray().Select(e => e.GetString()!) : []],
            Environment = spec.TryGetProperty("env", out var env) ? env.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).ToList() : [],
            Preopens = preopens,
            StandardOutput = stdout,
            StandardError = stderr,
        };
        int exitCode;
        try
        {
            var module = Module.FromBytes(engine, File.ReadAllBytes(program));
            var linker = new Linker(engine);
            new WasiPreview1(configuration).AddTo(linker);
            var store = new Store(engine) { CallTimeout = TimeSpan.FromSeconds(30) };
            var instance = linker.Instantiate(store, module);
            (instance.GetFunction("_start") ?? throw new WasmException("no _start export")).Call();
            exitCode = 0;
        }
        catch (WasiExitException exit)
        {
            exitCode = exit.ExitCode;
        }
        catch (WasmException e)
        {
            return $"trapped: {e.Message}{Tail(stderr)}";
        }
        var expectedExit = spec.TryGetProperty("exit_code", out var code) ? code.GetInt32() : 0;
        if (exitCode != expectedExit) return $"exit code {exitCode}, expected {expectedExit}{Tail(stderr)}";
        foreach (var (stream, field) in new[] { (stdout, "stdout"), (stderr, "stderr") })
        {
            if (!spec.TryGetProperty(field, out var expected)) continue;
            var printed = Encoding.UTF8.GetString(stream.ToArray());
            if (!printed.StartsWith(expected.GetString()!, StringComparison.Ordinal)) return $"{field} {Show(printed)} does not start with {Show(expected.GetString()!)}";
        }
        return null;
    }
    finally
    {
        Directory.Delete(scratch, recursive: true);
    }
}

static string Tail(MemoryStream stderr)
{
    var text = Encoding.UTF8.GetString(stderr.ToArray()).Trim();
    return text.Length == 0 ? "" : $" (stderr: {Show(text.Length > 200 ? text[^200..] : text)})";
}

static string Show(string text) => JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

static void CopyDirectory(string from, string to)
{
    Directory.CreateDirectory(to);
    foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    foreach (var directory in Directory.GetDirectories(from)) CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
}
