using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasmCloud.Wash;

/// <summary>
/// What <c>wash up</c> started, kept in <c>up.json</c> under the XDG state directory
/// (<c>$XDG_STATE_HOME/wasmcloud-dotnet</c>, else <c>~/.local/state/wasmcloud-dotnet</c>) beside the logs, so that
/// <c>wash down</c> stops exactly that: the host, and the NATS server only when <c>wash up</c> started it.
/// </summary>
internal sealed record LocalStack
{
    [JsonPropertyName("lattice")] public string Lattice { get; init; } = "default";
    [JsonPropertyName("nats_url")] public string NatsUrl { get; init; } = "";
    [JsonPropertyName("nats_host")] public string NatsHost { get; init; } = "127.0.0.1";
    [JsonPropertyName("nats_port")] public int NatsPort { get; init; }

    /// <summary>The NATS server's process, when this <c>wash up</c> started it; null when it joined one.</summary>
    [JsonPropertyName("nats_pid")] public int? NatsPid { get; init; }

    [JsonPropertyName("host_id")] public string HostId { get; init; } = "";
    [JsonPropertyName("host_pid")] public int HostPid { get; init; }
    [JsonPropertyName("host_log")] public string HostLog { get; init; } = "";
    [JsonPropertyName("nats_log")] public string? NatsLog { get; init; }

    /// <summary>The wadm process, unless wash up ran with --disable-wadm.</summary>
    [JsonPropertyName("wadm_pid")] public int? WadmPid { get; init; }

    [JsonPropertyName("wadm_log")] public string? WadmLog { get; init; }

    public static string StateDirectory()
    {
        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(stateHome, "wasmcloud-dotnet");
    }

    private static string RecordPath => Path.Combine(StateDirectory(), "up.json");

    /// <summary>The stack an earlier <c>wash up</c> recorded, if its host process still runs.</summary>
    public static LocalStack? Running()
    {
        if (!File.Exists(RecordPath)) return null;
        try
        {
            var stack = JsonSerializer.Deserialize(File.ReadAllBytes(RecordPath), LocalStackJson.Default.LocalStack);
            return stack is not null && ChildProcess.IsRunning(stack.HostPid, "wasmcloud") ? stack : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The record as it stands, alive or not (wash down still stops a NATS server whose host died).</summary>
    public static LocalStack? Recorded()
    {
        try
        {
            return File.Exists(RecordPath) ? JsonSerializer.Deserialize(File.ReadAllBytes(RecordPath), LocalStackJson.Default.LocalStack) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Save()
    {
        Directory.CreateDirectory(StateDirectory());
        File.WriteAllBytes(RecordPath, JsonSerializer.SerializeToUtf8Bytes(this, LocalStackJson.Default.LocalStack));
    }

    public static void Forget() => File.Delete(RecordPath);
}

[JsonSerializable(typeof(LocalStack))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class LocalStackJson : JsonSerializerContext;
