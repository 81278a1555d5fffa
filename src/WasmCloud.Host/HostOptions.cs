using System.Net;
using WasmCloud.Lattice;

namespace WasmCloud.Host;

/// <summary>Everything a host is started with; the <c>wasmcloud</c> command fills it from upstream's flags and env vars.</summary>
public sealed record HostOptions
{
    public string Lattice { get; init; } = "default";
    public string? HostSeed { get; init; }

    /// <summary>The connection the control interface and events use.</summary>
    public NatsEndpoint Ctl { get; init; } = new();

    /// <summary>The connection invocations between components and providers use.</summary>
    public NatsEndpoint Rpc { get; init; } = new();

    public string CtlTopicPrefix { get; init; } = Subjects.DefaultTopicPrefix;
    public string? JsDomain { get; init; }
    public TimeSpan RpcTimeout { get; init; } = TimeSpan.FromMilliseconds(2000);
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public bool AllowLatest { get; init; }

    /// <summary>Whether upstream's first-party provider images (ghcr.io/wasmcloud/http-server:…) are served by the matching builtin.</summary>
    public bool BuiltinImages { get; init; } = true;
    public IReadOnlyList<string> AllowedInsecure { get; init; } = [];
    public bool AllowFileLoad { get; init; }

    /// <summary>Credentials for one registry given on the command line (<c>--oci-registry</c>, user, password).</summary>
    public string? OciRegistry { get; init; }
    public string? OciUser { get; init; }
    public string? OciPassword { get; init; }

    /// <summary>
    /// How many invocations one instance of a component may serve unless its <c>wasmcloud.dev/max-invocations</c>
    /// annotation says otherwise: 1, a fresh instance per invocation, as upstream 1.x.
    /// </summary>
    public int MaxInvocations { get; init; } = 1;

    public TimeSpan MaxExecutionTime { get; init; } = TimeSpan.FromMilliseconds(600_000);
    public long MaxLinearMemoryBytes { get; init; } = 256L * 1024 * 1024;
    public long MaxComponentSizeBytes { get; init; } = 50L * 1024 * 1024;
    public int MaxComponents { get; init; } = 10_000;
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan ProviderShutdownDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often each provider's health is asked (upstream: every 30 s, the first 5 s after it starts; no flag).</summary>
    public TimeSpan ProviderHealthInterval { get; init; } = TimeSpan.FromSeconds(30);
    public bool EnableComponentAuction { get; init; } = true;
    public bool EnableProviderAuction { get; init; } = true;

    /// <summary><c>--http-admin</c>: where <c>/livez</c> and <c>/readyz</c> are served, if anywhere.</summary>
    public IPEndPoint? HttpAdmin { get; init; }

    /// <summary>Where compiled components are cached between runs (null: no cache).</summary>
    public string? CompileCacheDirectory { get; init; }

    /// <summary>The version the host reports; wadm requires it to be semver.</summary>
    public string Version { get; init; } = HostVersion.Current;
}
