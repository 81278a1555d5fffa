using System.Diagnostics;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasm;

namespace KernelBench;

/// <summary>
/// The child-process side of <see cref="Runners.Ours"/>: compiles, instantiates and runs one kernel, reporting
/// the three times on stderr in the format of ../shared/tools/run-wasi.mjs.
/// </summary>
internal static class EngineChild
{
    public const string Flag = "--engine-child";

    public static int Run(string wasm, string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        var engine = new Engine();
        var module = Module.FromFile(engine, wasm);
        var compiled = clock.Elapsed;
        var linker = new Linker(engine);
        using var stdout = Console.OpenStandardOutput();
        new WasiPreview1(new WasiConfiguration { Arguments = [Path.GetFileName(wasm), .. arguments], StandardOutput = stdout }).AddTo(linker);
        var instance = linker.Instantiate(new Store(engine), module);
        var instantiated = clock.Elapsed;
        try
        {
            instance.GetFunction("_start")!.Call();
        }
        catch (WasiExitException exit) when (exit.ExitCode == 0)
        {
        }
        var ran = clock.Elapsed;
        Console.Error.WriteLine($"compile {compiled.TotalMilliseconds:F1} ms, instantiate {(instantiated - compiled).TotalMilliseconds:F2} ms, run {(ran - instantiated).TotalMilliseconds:F0} ms");
        return 0;
    }
}
