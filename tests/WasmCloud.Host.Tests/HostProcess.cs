using System.Diagnostics;
using NATS.NKeys;

namespace WasmCloud.Host.Tests;

/// <summary>A <c>wasmcloud</c> host process (the built executable), its log kept for failure messages, stopped on dispose.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    private HostProcess(Process process, string id, string seed)
    {
        _process = process;
        Id = id;
        Seed = seed;
    }

    public string Id { get; }
    public string Seed { get; }
    public bool HasExited => _process.HasExited;

    public string Log
    {
        get { lock (_log) return string.Join('\n', _log); }
    }

    /// <summary>Starts a host with these flags; <paramref name="seed"/> fixes its ID (a new one when null).</summary>
    public static HostProcess Start(int natsPort, IEnumerable<string> flags, string? seed = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var key = seed is null ? KeyPair.CreatePair(PrefixByte.Server) : KeyPair.FromSeed(seed);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "wasmcloud"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--nats-port", natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(flags))
            start.ArgumentList.Add(argument);
        start.Environment["WASMCLOUD_HOST_SEED"] = key.GetSeed();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start wasmcloud");
        var host = new HostProcess(process, key.GetPublicKey(), key.GetSeed());
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
