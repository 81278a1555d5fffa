using System.Diagnostics;

namespace WasmCloud.Testing;

/// <summary>A child process whose stdout and stderr are kept as its log (for failure messages); killed on dispose.</summary>
public sealed class LoggedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    private LoggedProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get { lock (_log) return string.Join('\n', _log); }
    }

    /// <summary>Starts an executable built next to the tests, with these arguments and extra environment.</summary>
    public static LoggedProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, executable)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var logged = new LoggedProcess(process);
        process.OutputDataReceived += (_, e) => logged.Append(e.Data);
        process.ErrorDataReceived += (_, e) => logged.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return logged;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
