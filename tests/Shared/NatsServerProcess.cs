using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WasmCloud.Testing;

/// <summary>A real nats-server on 127.0.0.1 and a free port, configured by a generated file, killed on dispose.</summary>
public sealed class NatsServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _log = [];

    private NatsServerProcess(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>The server's own temporary folder (config, JetStream store).</summary>
    public string Directory { get; }

    public string Log
    {
        get { lock (_log) return string.Join('\n', _log); }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a server whose config is <paramref name="config"/> (given the folder, e.g. for a store_dir) plus the listen line.</summary>
    public static async Task<NatsServerProcess> StartAsync(Func<string, string>? config = null, int? port = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("nats-test-").FullName;
        int listenPort = port ?? FreePort();
        var configFile = Path.Combine(directory, "server.conf");
        await File.WriteAllTextAsync(configFile, $"listen: 127.0.0.1:{listenPort}\n{config?.Invoke(directory)}\n");

        var startInfo = new ProcessStartInfo(Binary(), ["-c", configFile])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start nats-server");
        var server = new NatsServerProcess(process, listenPort, directory);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) => server.OnLogLine(e.Data, ready);
        process.OutputDataReceived += (_, e) => server.OnLogLine(e.Data, ready);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"nats-server did not become ready:\n{server.Log}");
        }
        return server;
    }

    private void OnLogLine(string? line, TaskCompletionSource ready)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
        if (line.Contains("Server is ready", StringComparison.Ordinal)) ready.TrySetResult();
    }

    private static string Binary()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "nats-server"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nats-server is not installed (not on PATH nor in /usr/sbin); install it with 'apt-get install nats-server'");
    }

    /// <summary>Freezes the server (SIGSTOP): its sockets stay open but nothing answers, like a hung host.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    public Task ResumeAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Kills the server at once, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A store file still being closed; the temp folder is cleaned by the OS eventually.
        }
    }
}
