using WasmCloud.Lattice;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm;

/// <summary>How a wadm runs: upstream's <c>WADM_*</c> environment variables, and the intervals of its passes.</summary>
public sealed record WadmOptions
{
    public NatsEndpoint Nats { get; init; } = new();
    public string? JetStreamDomain { get; init; }
    public string ApiPrefix { get; init; } = WadmSubjects.DefaultApiPrefix;
    public string CtlTopicPrefix { get; init; } = Subjects.DefaultTopicPrefix;
    public string ManifestBucket { get; init; } = WadmSubjects.ManifestBucket;
    public string StateBucket { get; init; } = WadmSubjects.StateBucket;

    /// <summary>How long a host whose heartbeat interval wadm has not measured yet may stay silent before it is reaped.</summary>
    public TimeSpan HostExpiry { get; init; } = TimeSpan.FromSeconds(70);

    /// <summary>The longest wait between two reconcile passes when nothing happens.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often wadm asks every host for its whole inventory, beside following events.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a lease may go unrenewed before another wadm instance takes the application over.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads upstream's variables (<c>WADM_NATS_SERVER</c>, <c>WADM_NATS_NKEY</c>, <c>WADM_NATS_JWT</c>, <c>WADM_NATS_CREDS_FILE</c>,
    /// <c>WADM_JETSTREAM_DOMAIN</c>, <c>WADM_API_PREFIX</c>, <c>WADM_MANIFEST_BUCKET_NAME</c>, <c>WADM_STATE_BUCKET_NAME</c>,
    /// <c>WADM_CLEANUP_INTERVAL</c>) over these defaults.</summary>
    public static WadmOptions FromEnvironment(Func<string, string?> env)
    {
        var options = new WadmOptions();
        if (env("WADM_NATS_SERVER") is { Length: > 0 } server) options = options with { Nats = NatsEndpoint.Parse(server) };
        options = options with
        {
            Nats = options.Nats with
            {
                Seed = env("WADM_NATS_NKEY") ?? options.Nats.Seed, Jwt = env("WADM_NATS_JWT") ?? options.Nats.Jwt,
                CredsFile = env("WADM_NATS_CREDS_FILE") ?? options.Nats.CredsFile,
            },
            JetStreamDomain = env("WADM_JETSTREAM_DOMAIN") is { Length: > 0 } domain ? domain : null,
            ManifestBucket = env("WADM_MANIFEST_BUCKET_NAME") is { Length: > 0 } manifests ? manifests : options.ManifestBucket,
            StateBucket = env("WADM_STATE_BUCKET_NAME") is { Length: > 0 } state ? state : options.StateBucket,
        };
        if (env("WADM_API_PREFIX") is { } prefix)
        {
            var trimmed = prefix.Trim().Trim('.');
            if (trimmed.Length == 0) throw new ArgumentException("WADM_API_PREFIX is empty once trimmed; give a prefix such as wadm.api");
            options = options with { ApiPrefix = trimmed };
        }
        if (env("WADM_CLEANUP_INTERVAL") is { Length: > 0 } cleanup)
            options = options with
            {
                HostExpiry = double.TryParse(cleanup, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                    ? TimeSpan.FromSeconds(2 * seconds)
                    : throw new ArgumentException($"WADM_CLEANUP_INTERVAL `{cleanup}` is not a number of seconds"),
            };
        return options;
    }
}
