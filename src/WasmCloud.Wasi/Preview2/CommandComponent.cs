using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview2;

/// <summary>Runs a command component: instantiates it with a WASI 0.2 host and calls its <c>wasi:cli/run</c> export.</summary>
public static class CommandComponent
{
    /// <summary>Whether the bytes start like a component (layer 1) rather than a core module (layer 0).</summary>
    public static bool IsComponent(ReadOnlySpan<byte> header) =>
        header.Length >= 8 && header[..4].SequenceEqual("\0asm"u8) && header[6] == 1 && header[7] == 0;

    /// <summary>The exit status: 0 when run returns ok, 1 when it returns an error, else what wasi:cli/exit said.</summary>
    public static int Run(Engine engine, Component component, WasiConfiguration configuration)
    {
        var run = WorldExport.Find(component, "wasi:cli/run@0.2.", "run", "it is not a command");
        var linker = new ComponentLinker(engine);
        new WasiPreview2().AddTo(linker);
        using var wasi = new WasiContext(configuration);
        var instance = linker.Instantiate(new Store(engine) { Data = wasi }, component);
        try
        {
            return run.In(instance).Call() is VariantValue { Case: "ok" } ? 0 : 1;
        }
        catch (WasiExitException exit)
        {
            return exit.ExitCode;
        }
        finally
        {
            wasi.FlushStandardStreams();
        }
    }
}
