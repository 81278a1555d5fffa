using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace KernelBench;

/// <summary>One timed run: how long the program's own work took, and what it printed (its checksum).</summary>
internal sealed record Sample(double Milliseconds, string Output);

/// <summary>Runs a kernel natively, under V8 (Node, TurboFan only) and under this project's engine, each as its own process.</summary>
internal static partial class Runners
{
    public static Sample Native(Kernel kernel, string outDirectory)
    {
        var clock = Stopwatch.StartNew();
        var (output, _) = Run(kernel.Native(outDirectory), kernel.Arguments);
        return new Sample(clock.Elapsed.TotalMilliseconds, output);
    }

    /// <summary>
    /// V8 without Liftoff, as ../shared/README.md prescribes; the script reports the time of <c>_start</c>.
    /// Node 20 sometimes crashes after a large-memory program has finished, so a crashed run is repeated.
    /// </summary>
    public static Sample V8(Kernel kernel, string outDirectory, string runWasiScript)
    {
        const int attempts = 10;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (output, errors) = Run("node", ["--no-liftoff", runWasiScript, kernel.Wasm(outDirectory), .. kernel.Arguments]);
                return new Sample(ReportedRunTime(errors), output);
            }
            catch (InvalidOperationException) when (attempt < attempts)
            {
                Console.Error.WriteLine($"node crashed on {kernel.Name}; repeating the run");
            }
        }
    }

    /// <summary>This engine, in a child process of this program (see <see cref="EngineChild"/>), timing <c>_start</c> the same way.</summary>
    public static Sample Ours(Kernel kernel, string outDirectory)
    {
        var self = Environment.ProcessPath!;
        string[] prefix = self.EndsWith("dotnet", StringComparison.Ordinal) ? [typeof(Runners).Assembly.Location] : [];
        var (output, errors) = Run(self, [.. prefix, EngineChild.Flag, kernel.Wasm(outDirectory), .. kernel.Arguments]);
        return new Sample(ReportedRunTime(errors), output);
    }

    private static double ReportedRunTime(string errors)
    {
        var match = RunTime().Match(errors);
        if (!match.Success) throw new InvalidOperationException($"no run time reported:\n{errors}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static (string Output, string Errors) Run(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} exited with {process.ExitCode}:\n{errors.Result}");
        return (output.Trim(), errors.Result);
    }

    [GeneratedRegex(@"run ([0-9.]+) ms")]
    private static partial Regex RunTime();
}
