using System.Diagnostics;
using System.Text;
using WasmCloud.Components;
using WasmCloud.Testing;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Tests;

/// <summary>
/// Runs Fixtures/command_probe.c, built into a command component with jco's preview1 adapter (it imports
/// wasi:*@0.2.12), against the WASI 0.2 host; the first argument picks the scenario.
/// </summary>
public sealed class Preview2CommandTests : IDisposable
{
    private static readonly Lazy<(Engine Engine, Component Component)> Probe = new(() =>
    {
        var engine = new Engine();
        return (engine, Component.FromBytes(engine, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "command_probe.component.wasm"))));
    });

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("wasi2");
    private readonly string _data;

    public Preview2CommandTests()
    {
        _data = Directory.CreateDirectory(Path.Combine(_root.FullName, "data")).FullName;
        File.WriteAllText(Path.Combine(_root.FullName, "secret.txt"), "secret");
        File.WriteAllText(Path.Combine(_data, "inside.txt"), "inside");
        File.CreateSymbolicLink(Path.Combine(_data, "link-out"), "../secret.txt");
        File.CreateSymbolicLink(Path.Combine(_data, "dir-link-out"), "/etc");
    }

    public void Dispose() => _root.Delete(recursive: true);

    private (int ExitCode, string Stdout, string Stderr) Run(string stdin, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var exitCode = CommandComponent.Run(Probe.Value.Engine, Probe.Value.Component, new WasiConfiguration
        {
            Arguments = ["command_probe", .. args],
            Environment = [new("GREETING", "hello")],
            Preopens = [new Preopen(_data, "/data")],
            StandardInput = new MemoryStream(Encoding.UTF8.GetBytes(stdin)),
            StandardOutput = stdout,
            StandardError = stderr,
        });
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public void StandardStreams()
    {
        var (exitCode, stdout, stderr) = Run("one\ntwo\n", "stdio");
        Assert.Equal(0, exitCode);
        Assert.Equal("echo: one\necho: two\n", stdout);
        Assert.Equal("to stderr\n", stderr);
    }

    [Fact]
    public void TheCExampleGreetsAndCountsVisits()
    {
        var component = Component.FromBytes(Probe.Value.Engine, File.ReadAllBytes(Repository.PathOf("examples/hello-c/hello.wasm")));
        string Run(params string[] args)
        {
            var stdout = new MemoryStream();
            Assert.Equal(0, CommandComponent.Run(Probe.Value.Engine, component,
                new WasiConfiguration { Arguments = ["hello", .. args], Preopens = [new Preopen(_data, "/data")], StandardOutput = stdout }));
            return Encoding.UTF8.GetString(stdout.ToArray());
        }
        Assert.Equal("Hello, Ada!\nHello, Grace!\nvisit number 1\n", Run("Ada", "Grace"));
        Assert.Equal("Hello, world!\nvisit number 2\n", Run());
        Assert.Equal("2\n", File.ReadAllText(Path.Combine(_data, "visits.txt")));
    }

    [Fact]
    public void ImportsOfOtherPatchVersionsBind()
    {
        // The same binary with two interfaces renamed to @0.2.10 (same length, so every offset holds): a mix
        // like componentize-js emits. Core-level names inside change with them, so the component stays whole.
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "command_probe.component.wasm"));
        foreach (var name in new[] { "wasi:io/streams@0.2.1", "wasi:cli/stdout@0.2.1" })
            Replace(bytes, Encoding.UTF8.GetBytes(name + "2"), Encoding.UTF8.GetBytes(name + "0"));
        var component = Component.FromBytes(Probe.Value.Engine, bytes);
        Assert.Contains("wasi:io/streams@0.2.10", component.Type.Imports.Keys);
        var stdout = new MemoryStream();
        var exitCode = CommandComponent.Run(Probe.Value.Engine, component,
            new WasiConfiguration { Arguments = ["command_probe", "stdio"], StandardInput = new MemoryStream("hi\n"u8.ToArray()), StandardOutput = stdout });
        Assert.Equal(0, exitCode);
        Assert.Equal("echo: hi\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public async Task AGuestBlockedReadingEndsWithATrapWhenItsDeadlinePasses()
    {
        // stdin that never delivers: fgets ends in wasi:io's blocking-read, which must give up at the deadline.
        using var silent = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var linker = new WasmCloud.Components.Runtime.ComponentLinker(Probe.Value.Engine);
        new WasiPreview2().AddTo(linker);
        using var wasi = new WasiContext(new WasiConfiguration { Arguments = ["command_probe", "stdio"], StandardInput = silent })
        {
            Cancellation = deadline.Token,
        };
        var instance = linker.Instantiate(new Store(Probe.Value.Engine) { Data = wasi }, Probe.Value.Component);
        var run = WorldExport.Find(Probe.Value.Component, "wasi:cli/run@0.2.", "run", "not a command").In(instance);
        // A read that ignored the deadline would still be waiting: the timeout fails the test instead of hanging it.
        var trap = await Assert.ThrowsAsync<ComponentTrap>(() => Task.Run(() => run.Call()).WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("deadline", trap.Message);
    }

    private static void Replace(byte[] bytes, byte[] from, byte[] to)
    {
        for (var at = bytes.AsSpan().IndexOf(from); at >= 0; at = bytes.AsSpan().IndexOf(from))
            to.CopyTo(bytes, at);
    }

    [Fact]
    public void ArgumentsAndEnvironment()
    {
        var (exitCode, stdout, _) = Run("", "args-env", "one", "two words");
        Assert.Equal(0, exitCode);
        Assert.Equal("arg 2: one\narg 3: two words\nenv GREETING: hello\n", stdout);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 1)] // wasi:cli/exit only says success or failure
    public void ExitCodes(string code, int expected) => Assert.Equal(expected, Run("", "exit", code).ExitCode);

    [Fact]
    public void FailureFromRunIsExitCodeOne()
    {
        var (exitCode, _, stderr) = Run("", "no-such-scenario");
        Assert.Equal(1, exitCode);
        Assert.Contains("unknown scenario", stderr);
    }

    [Fact]
    public void AComponentWithoutRunIsNotACommand()
    {
        var component = Component.FromBytes(Probe.Value.Engine, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "http_guest.component.wasm")));
        var failure = Assert.Throws<ComponentException>(() => CommandComponent.Run(Probe.Value.Engine, component, new WasiConfiguration()));
        Assert.Equal("the component exports no wasi:cli/run@0.2.x: it is not a command", failure.Message);
    }

    [Fact]
    public void FilesBelowThePreopen()
    {
        var (exitCode, stdout, stderr) = Run("", "files");
        Assert.True(exitCode == 0, stderr);
        Assert.Equal("""
            read back 30: written by the guest
            appended
            stat: ok
            size: 30 regular: 1
            mkdir: ok
            rename: ok
            stat old name: No such file or directory
            entry: moved.txt
            symlink: ok
            readlink: ok
            link target: moved.txt
            unlink link: ok
            unlink: ok
            rmdir: ok
            open missing: No such file or directory

            """.ReplaceLineEndings("\n"), stdout);
        Assert.Equal(["dir-link-out", "inside.txt", "link-out"], Directory.EnumerateFileSystemEntries(_data).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void EveryEscapeIsRefused()
    {
        var (exitCode, stdout, _) = Run("", "escapes");
        Assert.Equal(0, exitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        // An absolute path names no preopen, so the adapter refuses it before the host sees it.
        Assert.Equal("open absolute: Capabilities insufficient", lines[1]);
        Assert.All(lines.Where((_, i) => i != 1), line => Assert.EndsWith(": Operation not permitted", line));
        Assert.False(File.Exists(Path.Combine(_root.FullName, "escape.txt")));
        Assert.False(Directory.Exists(Path.Combine(_root.FullName, "escape-dir")));
        Assert.True(File.Exists(Path.Combine(_root.FullName, "secret.txt")));
        Assert.True(File.Exists(Path.Combine(_data, "inside.txt")));
    }

    [Fact]
    public void ClocksAndPollWithTimeouts()
    {
        var watch = Stopwatch.StartNew();
        var (exitCode, stdout, _) = Run("", "clocks");
        Assert.Equal(0, exitCode);
        Assert.Equal("poll slept enough: 1\nwall clock after 2020: 1\nclock resolution ok: 1\n", stdout);
        Assert.True(watch.ElapsedMilliseconds >= 300, $"the guest slept 300 ms in all, the run took {watch.ElapsedMilliseconds} ms");
    }
}
