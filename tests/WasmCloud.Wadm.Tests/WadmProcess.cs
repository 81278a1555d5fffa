using System.Text.RegularExpressions;

namespace WasmCloud.Wadm.Tests;

/// <summary>A <c>wadm</c> process (the built executable) against a NATS server, its log kept; killed on dispose.</summary>
public sealed partial class WadmProcess : IAsyncDisposable
{
    private readonly LoggedProcess _process;

    private WadmProcess(LoggedProcess process) => _process = process;

    public string Log => _process.Log;

    /// <summary>The instance ID it logs at start (what its leases record), once it has started.</summary>
    public string? InstanceId => InstancePattern().Match(Log) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"wadm (wadm-[0-9a-f]+) is serving")]
    private static partial Regex InstancePattern();

    public static async Task<WadmProcess> StartAsync(int natsPort)
    {
        var wadm = new WadmProcess(LoggedProcess.Start("wadm", [], new Dictionary<string, string> { ["WADM_NATS_SERVER"] = $"127.0.0.1:{natsPort}" }));
        for (var deadline = DateTime.UtcNow.AddSeconds(30); wadm.InstanceId is null; await Task.Delay(50))
            if (wadm._process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException($"wadm did not start:\n{wadm.Log}");
        return wadm;
    }

    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
