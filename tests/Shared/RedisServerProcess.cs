using System.Diagnostics;

namespace WasmCloud.Testing;

/// <summary>A real redis-server on 127.0.0.1 and a free port (no persistence), killed on dispose.</summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"redis://127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync(int? port = null)
    {
        var listen = port ?? NatsServerProcess.FreePort();
        var server = new RedisServerProcess(await LaunchAsync(listen), listen);
        return server;
    }

    private static async Task<Process> LaunchAsync(int port)
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed; install it with 'apt-get install redis-server' (scripts/test.sh does)");
        var start = new ProcessStartInfo(binary, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await LocalPort.WaitUntilListeningAsync(port, process, "redis-server");
        return process;
    }

    /// <summary>Kills the server, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts it again on the same port (empty: nothing was persisted).</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process.Dispose();
        _process = await LaunchAsync(Port);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
