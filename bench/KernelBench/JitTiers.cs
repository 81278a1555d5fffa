using System.Diagnostics;

namespace KernelBench;

/// <summary>
/// Counts the guest functions RyuJIT compiled without full optimisation (it silently falls back to MinOpts
/// for very large methods), from a run with <c>DOTNET_JitStdOutFile</c> and <c>DOTNET_JitDisasmSummary</c>.
/// </summary>
internal static class JitTiers
{
    public static (int Optimized, int NotOptimized) Count(Kernel kernel, string outDirectory)
    {
        var listing = Path.Combine(Path.GetTempPath(), $"kernelbench-jit-{Environment.ProcessId}-{kernel.Name}.txt");
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (self.EndsWith("dotnet", StringComparison.Ordinal)) start.ArgumentList.Add(typeof(JitTiers).Assembly.Location);
        foreach (var argument in (string[])[EngineChild.Flag, kernel.Wasm(outDirectory), .. kernel.Arguments]) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_JitStdOutFile"] = listing;
        start.Environment["DOTNET_JitDisasmSummary"] = "1";
        using (var process = Process.Start(start)!)
        {
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
        }
        var guest = File.ReadLines(listing).Where(line => line.Contains("wasm-function[", StringComparison.Ordinal)).ToList();
        File.Delete(listing);
        var optimized = guest.Count(line => line.Contains("[FullOpts", StringComparison.Ordinal));
        return (optimized, guest.Count - optimized);
    }
}
