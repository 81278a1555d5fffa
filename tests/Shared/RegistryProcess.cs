using System.Diagnostics;

namespace WasmCloud.Testing;

/// <summary>A real OCI registry (Debian's docker-registry) on 127.0.0.1 and a free port, storing in a temp folder, killed on dispose.</summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private RegistryProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The registry as references name it: <c>127.0.0.1:PORT</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public static async Task<RegistryProcess> StartAsync()
    {
        var binary = new[] { "/usr/bin/docker-registry", "/usr/sbin/docker-registry" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("docker-registry is not installed; install it with 'apt-get install docker-registry'");
        var directory = Directory.CreateTempSubdirectory("registry-test-").FullName;
        var port = NatsServerProcess.FreePort();
        var config = Path.Combine(directory, "config.yml");
        await File.WriteAllTextAsync(config, $"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {directory}/data\nhttp:\n  addr: 127.0.0.1:{port}\n");
        var process = Process.Start(new ProcessStartInfo(binary, ["serve", config]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start docker-registry");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var registry = new RegistryProcess(process, directory, port);
        using var http = new HttpClient();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100))
        {
            try
            {
                using var response = await http.GetAsync($"http://{registry.Address}/v2/");
                if (response.IsSuccessStatusCode) return registry;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
