using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace WasmCloud.Wash;

/// <summary>
/// Processes <c>wash up</c> leaves running: started in a session of their own (so they outlive wash and a closed
/// terminal), output appended to a log file, and recognised later by pid and command line, so a pid the system
/// has since given to another program is never signalled.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Starts <paramref name="program"/> detached, its output appended to <paramref name="log"/>; returns its pid.</summary>
    public static int StartDetached(string program, IEnumerable<string> arguments, string log, IReadOnlyDictionary<string, string>? environment = null)
    {
        // setsid execs the program in a new session; $! is then the program's own pid.
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "setsid \"$@\" >>\"$WASH_CHILD_LOG\" 2>&1 </dev/null & echo $!", "sh", program }.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment["WASH_CHILD_LOG"] = log;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var shell = Process.Start(start) ?? throw new WashException($"could not start {program}");
        var pid = shell.StandardOutput.ReadLine();
        shell.WaitForExit();
        if (!int.TryParse(pid, CultureInfo.InvariantCulture, out var id)) throw new WashException($"could not start {program}");
        // Until the forked shell has exec'd the program, the pid's command line is still the shell's.
        var programName = Path.GetFileName(program);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!IsRunning(id, programName) && File.Exists($"/proc/{id}/cmdline") && DateTime.UtcNow < deadline) Thread.Sleep(10);
        return id;
    }

    /// <summary>Whether <paramref name="pid"/> runs and its command line mentions <paramref name="name"/>.</summary>
    public static bool IsRunning(int pid, string name)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            var state = File.ReadAllText($"/proc/{pid}/stat");
            // A zombie has exited; it only waits for its parent to collect it.
            var afterName = state[(state.LastIndexOf(')') + 2)..];
            return cmdline.Contains(name, StringComparison.Ordinal) && !afterName.StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), waits, then kills it (SIGKILL) if it is still there.</summary>
    public static async Task StopAsync(int pid, string name, TimeSpan grace)
    {
        if (!IsRunning(pid, name)) return;
        Signal(pid, "TERM");
        if (await ExitedAsync(pid, name, grace)) return;
        Signal(pid, "KILL");
        await ExitedAsync(pid, name, TimeSpan.FromSeconds(5));
    }

    public static async Task<bool> ExitedAsync(int pid, string name, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (IsRunning(pid, name))
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Whether something accepts TCP connections at host:port.</summary>
    public static bool Listening(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first executable of that name on PATH (or in /usr/sbin, where Debian puts nats-server).</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
