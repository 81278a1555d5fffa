using System.Text;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Tests;

/// <summary>Runs a C program built with wasi-libc (Fixtures/wasi_probe.c) against the preview1 host.</summary>
public sealed class Preview1Tests : IDisposable
{
    private readonly DirectoryInfo _sandbox = Directory.CreateTempSubdirectory("wasi-data");
    private readonly string _secret = Path.Combine(Path.GetTempPath(), $"wasi-secret-{Guid.NewGuid():N}.txt");

    public Preview1Tests()
    {
        File.WriteAllText(_secret, "secret");
        File.CreateSymbolicLink(Path.Combine(_sandbox.FullName, "link-out"), _secret);
    }

    public void Dispose()
    {
        _sandbox.Delete(recursive: true);
        File.Delete(_secret);
    }

    private (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "Fixtures", "wasi_probe.wasm"));
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var linker = new Linker(engine);
        new WasiPreview1(new WasiConfiguration
        {
            Arguments = ["wasi_probe", .. args],
            Environment = [new("GREETING", "hello")],
            Preopens = [new Preopen(_sandbox.FullName, "/data")],
            StandardOutput = stdout,
            StandardError = stderr,
        }).AddTo(linker);
        var instance = linker.Instantiate(new Store(engine), module);
        int exitCode;
        try
        {
            instance.GetFunction("_start")!.Call();
            exitCode = 0;
        }
        catch (WasiExitException exit)
        {
            exitCode = exit.ExitCode;
        }
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public void ArgumentsEnvironmentAndStreams()
    {
        var (exitCode, stdout, stderr) = Run("one", "two words");
        Assert.Equal(0, exitCode);
        Assert.Contains("arg 1: one\narg 2: two words\n", stdout);
        Assert.Contains("env GREETING: hello\n", stdout);
        Assert.Equal("to stderr\n", stderr);
        Assert.Contains("monotonic clock: ticks", stdout);
    }

    [Fact]
    public void ExitCodeIsPropagated()
    {
        Assert.Equal(7, Run("fail").ExitCode);
    }

    [Fact]
    public void FilesBelowThePreopenCanBeWrittenReadAndStatted()
    {
        var (_, stdout, _) = Run();
        Assert.Contains("read back: written by the guest\n", stdout);
        Assert.Contains("size: 21\n", stdout);
        Assert.Equal("written by the guest\n", File.ReadAllText(Path.Combine(_sandbox.FullName, "note.txt")));
    }

    [Fact]
    public void EveryEscapeIsRefused()
    {
        var (_, stdout, _) = Run();
        Assert.Contains("open /data/../secret.txt: Capabilities insufficient", stdout);
        Assert.Contains("open /etc/passwd: Capabilities insufficient", stdout);
        Assert.Contains("open /data/link-out: Capabilities insufficient", stdout);
        Assert.Contains("openat ../secret.txt: Capabilities insufficient", stdout);
    }
}
