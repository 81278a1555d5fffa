using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NatsBench;

/// <summary>Installs the official JavaScript client (npm) and runs bench/nats-js/bench.mjs against the same server.</summary>
internal static class JavaScriptClientBench
{
    public static async Task<Measurement> RunAsync(string scriptDirectory, string url, int messages, int payloadSize, int runs, int requests)
    {
        if (!Directory.Exists(Path.Combine(scriptDirectory, "node_modules", "@nats-io", "transport-node")))
            await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], scriptDirectory);
        var output = await RunAsync("node", ["bench.mjs", url, Invariant(messages), Invariant(payloadSize), Invariant(runs), Invariant(requests)], scriptDirectory);
        using var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = result.RootElement;
        return new Measurement(root.GetProperty("publishPerSecond").GetDouble(), root.GetProperty("p50Micros").GetDouble(), root.GetProperty("p99Micros").GetDouble());
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> RunAsync(string program, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stderr}");
        return await stdout;
    }
}
