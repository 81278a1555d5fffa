using System.Diagnostics;

namespace WasmCloud.Testing;

/// <summary>
/// A real S3-compatible server on 127.0.0.1 and a free port: s3rver (npm, installed by scripts/test.sh in
/// tests/WasmCloud.Host.Tests/interop), keeping its buckets in a directory of its own, so a restart finds them again.
/// Its credentials are s3rver's own (<see cref="AccessKey"/>, <see cref="SecretKey"/>). Killed and cleaned up on dispose.
/// </summary>
public sealed class S3ServerProcess : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly string _directory = Directory.CreateTempSubdirectory("s3rver-").FullName;
    private Process? _process;

    private S3ServerProcess(int port) => Port = port;

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}";

    public static async Task<S3ServerProcess> StartAsync()
    {
        var server = new S3ServerProcess(NatsServerProcess.FreePort());
        await server.LaunchAsync();
        return server;
    }

    private async Task LaunchAsync()
    {
        var script = Repository.PathOf("tests/WasmCloud.Host.Tests/interop/node_modules/s3rver/bin/s3rver.js");
        if (!File.Exists(script)) throw new InvalidOperationException("s3rver is missing: scripts/test.sh installs it (npm install in tests/WasmCloud.Host.Tests/interop)");
        var start = new ProcessStartInfo("node", [script, "-d", _directory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start s3rver");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await LocalPort.WaitUntilListeningAsync(Port, _process, "s3rver", TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills the server, as a crash would; its buckets stay on disk.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        if (_process is not null) await _process.WaitForExitAsync();
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts it again on the same port and directory.</summary>
    public Task RestartAsync() => LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
