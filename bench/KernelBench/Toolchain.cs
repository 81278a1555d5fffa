using System.Diagnostics;

namespace KernelBench;

/// <summary>Builds each kernel twice with clang-19: to wasm32-wasi and to native code, both at -O2.</summary>
internal static class Toolchain
{
    public static void Build(Kernel kernel, string outDirectory)
    {
        var flags = kernel.ExtraFlags is null ? "" : kernel.ExtraFlags + " ";
        Run("clang-19", $"--target=wasm32-wasi --sysroot=/usr -O2 {flags}-o {kernel.Wasm(outDirectory)} {kernel.Source} -lm");
        Run("clang-19", $"-O2 -o {kernel.Native(outDirectory)} {kernel.Source} -lm");
    }

    private static void Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })
            ?? throw new InvalidOperationException($"cannot start {tool}");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {arguments} failed:\n{errors}");
    }
}
