using NATS.NKeys;

namespace WasmCloud.Testing;

/// <summary>A <c>wasmcloud</c> host process (the built executable), its log kept for failure messages, stopped on dispose.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly LoggedProcess _process;

    private HostProcess(LoggedProcess process, string id, string seed)
    {
        _process = process;
        Id = id;
        Seed = seed;
    }

    public string Id { get; }
    public string Seed { get; }
    public bool HasExited => _process.HasExited;
    public string Log => _process.Log;

    /// <summary>Starts a host with these flags; <paramref name="seed"/> fixes its ID (a new one when null).</summary>
    public static HostProcess Start(int natsPort, IEnumerable<string> flags, string? seed = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var key = seed is null ? KeyPair.CreatePair(PrefixByte.Server) : KeyPair.FromSeed(seed);
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["WASMCLOUD_HOST_SEED"] = key.GetSeed() };
        var process = LoggedProcess.Start("wasmcloud", new[] { "--nats-port", natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(flags), variables);
        return new HostProcess(process, key.GetPublicKey(), key.GetSeed());
    }

    /// <summary>SIGKILL: the host gets no chance to say goodbye (no host_stopped, no unsubscribes).</summary>
    public Task KillAsync() => _process.KillAsync();

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
