using System.CommandLine;
using System.Globalization;
using WasmCloud.Lattice;

namespace WasmCloud.Host;

/// <summary>
/// The <c>wasmcloud</c> command's flags, named as upstream's host names them, each also read from its
/// <c>WASMCLOUD_*</c> environment variable when the flag is not given.
/// </summary>
internal sealed class HostCommandLine
{
    private readonly Option<string> _natsHost = Text("--nats-host", "WASMCLOUD_NATS_HOST", "NATS server host", "127.0.0.1");
    private readonly Option<int> _natsPort = Number("--nats-port", "WASMCLOUD_NATS_PORT", "NATS server port", 4222);
    private readonly Option<string?> _natsJwt = OptionalText("--nats-jwt", "WASMCLOUD_NATS_JWT", "JWT for the NATS connections");
    private readonly Option<string?> _natsSeed = OptionalText("--nats-seed", "WASMCLOUD_NATS_SEED", "nkey seed for the NATS connections");
    private readonly Option<string?> _natsCreds = OptionalText("--nats-creds", "WASMCLOUD_NATS_CREDS", "NATS credentials file");
    private readonly Option<string?> _ctlHost = OptionalText("--ctl-host", "WASMCLOUD_CTL_HOST", "NATS host of the control connection (default: --nats-host)");
    private readonly Option<int?> _ctlPort = OptionalNumber("--ctl-port", "WASMCLOUD_CTL_PORT", "NATS port of the control connection (default: --nats-port)");
    private readonly Option<string?> _ctlJwt = OptionalText("--ctl-jwt", "WASMCLOUD_CTL_JWT", "JWT of the control connection");
    private readonly Option<string?> _ctlSeed = OptionalText("--ctl-seed", "WASMCLOUD_CTL_SEED", "nkey seed of the control connection");
    private readonly Option<string?> _ctlCreds = OptionalText("--ctl-credsfile", "WASMCLOUD_CTL_CREDS", "credentials file of the control connection");
    private readonly Option<bool> _ctlTls = Flag("--ctl-tls", "WASMCLOUD_CTL_TLS", "use TLS for the control connection");
    private readonly Option<string> _ctlTopicPrefix = Text("--ctl-topic-prefix", "WASMCLOUD_CTL_TOPIC_PREFIX", "prefix of the control interface's subjects", Subjects.DefaultTopicPrefix);
    private readonly Option<string?> _rpcHost = OptionalText("--rpc-host", "WASMCLOUD_RPC_HOST", "NATS host of the rpc connection (default: --nats-host)");
    private readonly Option<int?> _rpcPort = OptionalNumber("--rpc-port", "WASMCLOUD_RPC_PORT", "NATS port of the rpc connection (default: --nats-port)");
    private readonly Option<string?> _rpcJwt = OptionalText("--rpc-jwt", "WASMCLOUD_RPC_JWT", "JWT of the rpc connection");
    private readonly Option<string?> _rpcSeed = OptionalText("--rpc-seed", "WASMCLOUD_RPC_SEED", "nkey seed of the rpc connection");
    private readonly Option<string?> _rpcCreds = OptionalText("--rpc-credsfile", "WASMCLOUD_RPC_CREDS", "credentials file of the rpc connection");
    private readonly Option<bool> _rpcTls = Flag("--rpc-tls", "WASMCLOUD_RPC_TLS", "use TLS for the rpc connection");
    private readonly Option<long> _rpcTimeout = Number("--rpc-timeout-ms", "WASMCLOUD_RPC_TIMEOUT_MS", "timeout of calls across the lattice, in ms", 2000L);
    private readonly Option<string?> _tlsCa = OptionalText("--tls-ca-path", "WASMCLOUD_TLS_CA_PATH", "CA certificate file for TLS connections");
    private readonly Option<string?> _jsDomain = OptionalText("--js-domain", "WASMCLOUD_JS_DOMAIN", "JetStream domain of the lattice's buckets");
    private readonly Option<string> _lattice = Text("--lattice", "WASMCLOUD_LATTICE", "the lattice to join", "default", "-x");
    private readonly Option<string?> _hostSeed = OptionalText("--host-seed", "WASMCLOUD_HOST_SEED", "nkey server seed (SN…) that fixes the host's ID");
    private readonly Option<string[]> _labels = new("--label", "-l") { Description = "a host label KEY=VALUE (repeatable); also WASMCLOUD_LABEL_KEY=VALUE", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<bool> _noBuiltinImages = Flag("--disable-builtin-images", "WASMCLOUD_DISABLE_BUILTIN_IMAGES",
        "start upstream's provider images (ghcr.io/wasmcloud/http-server:…) as images, not as the builtin provider of the same name");
    private readonly Option<bool> _allowLatest = Flag("--allow-latest", "WASMCLOUD_OCI_ALLOW_LATEST", "allow image references tagged latest");
    private readonly Option<string?> _allowedInsecure = OptionalText("--allowed-insecure", "WASMCLOUD_OCI_ALLOWED_INSECURE", "registries (comma-separated) to reach over plain HTTP");
    private readonly Option<bool> _allowFileLoad = Flag("--allow-file-load", "WASMCLOUD_ALLOW_FILE_LOAD", "allow file:// component references");
    private readonly Option<string?> _ociRegistry = OptionalText("--oci-registry", "WASMCLOUD_OCI_REGISTRY", "a registry to give credentials for");
    private readonly Option<string?> _ociUser = OptionalText("--oci-user", "WASMCLOUD_OCI_REGISTRY_USER", "user name for --oci-registry");
    private readonly Option<string?> _ociPassword = OptionalText("--oci-password", "WASMCLOUD_OCI_REGISTRY_PASSWORD", "password for --oci-registry");
    private readonly Option<long> _maxExecution = Number("--max-execution-time-ms", "WASMCLOUD_MAX_EXECUTION_TIME_MS", "how long one invocation may run, in ms", 600_000L);
    private readonly Option<int> _maxInvocations = Number("--max-invocations", "WASMCLOUD_MAX_INVOCATIONS",
        "invocations one instance of a component may serve (1: a fresh instance each; a component's wasmcloud.dev/max-invocations annotation overrides it)", 1);
    private readonly Option<long> _maxMemory = Number("--max-linear-memory-bytes", "WASMCLOUD_MAX_LINEAR_MEMORY", "linear memory one instance may use", 256L * 1024 * 1024);
    private readonly Option<long> _maxSize = Number("--max-component-size-bytes", "WASMCLOUD_MAX_COMPONENT_SIZE", "largest component the host will load", 50L * 1024 * 1024);
    private readonly Option<int> _maxComponents = Number("--max-components", "WASMCLOUD_MAX_COMPONENTS", "most components the host will run", 10_000);
    private readonly Option<double> _heartbeat = Number("--heartbeat-interval-seconds", "WASMCLOUD_HEARTBEAT_INTERVAL", "seconds between heartbeats", 30.0);
    private readonly Option<long> _providerDelay = Number("--provider-shutdown-delay-ms", "WASMCLOUD_PROV_SHUTDOWN_DELAY_MS", "how long a provider may take to stop, in ms", 300L);
    private readonly Option<bool> _componentAuction = Switch("--enable-component-auction", "WASMCLOUD_COMPONENT_AUCTION_ENABLED", "answer component auctions");
    private readonly Option<bool> _providerAuction = Switch("--enable-provider-auction", "WASMCLOUD_PROVIDER_AUCTION_ENABLED", "answer provider auctions");
    private readonly Option<string?> _httpAdmin = OptionalText("--http-admin", "WASMCLOUD_HTTP_ADMIN", "address to serve /livez and /readyz on");
    private readonly Option<string> _logLevel = Text("--log-level", "WASMCLOUD_LOG_LEVEL", "trace, debug, info, warn or error", "info");
    private readonly Option<bool> _structured = Flag("--enable-structured-logging", "WASMCLOUD_STRUCTURED_LOGGING_ENABLED", "log JSON lines");
    private readonly Option<string[]> _features = new("--feature") { Description = "experimental features (the builtin providers are always on here)", Arity = ArgumentArity.ZeroOrMore };

    public RootCommand Command()
    {
        var root = new RootCommand("wasmcloud: a wasmCloud host (.NET implementation)");
        foreach (var option in Options()) root.Options.Add(option);
        return root;
    }

    private IEnumerable<Option> Options() =>
    [
        _natsHost, _natsPort, _natsJwt, _natsSeed, _natsCreds, _ctlHost, _ctlPort, _ctlJwt, _ctlSeed, _ctlCreds, _ctlTls, _ctlTopicPrefix,
        _rpcHost, _rpcPort, _rpcJwt, _rpcSeed, _rpcCreds, _rpcTls, _rpcTimeout, _tlsCa, _jsDomain, _lattice, _hostSeed, _labels,
        _allowLatest, _noBuiltinImages, _allowedInsecure, _allowFileLoad, _ociRegistry, _ociUser, _ociPassword, _maxExecution, _maxInvocations, _maxMemory, _maxSize,
        _maxComponents, _heartbeat, _providerDelay, _componentAuction, _providerAuction, _httpAdmin, _logLevel, _structured, _features,
    ];

    public string LogLevel(ParseResult result) => result.GetValue(_logLevel)!;
    public bool StructuredLogging(ParseResult result) => result.GetValue(_structured);

    /// <summary>The host options the flags and environment describe; a malformed value is a <see cref="HostConfigurationException"/>.</summary>
    public HostOptions Read(ParseResult result, string? cacheDirectory)
    {
        var nats = new NatsEndpoint
        {
            Host = result.GetValue(_natsHost)!, Port = result.GetValue(_natsPort),
            Jwt = result.GetValue(_natsJwt), Seed = result.GetValue(_natsSeed), CredsFile = result.GetValue(_natsCreds), TlsCaFile = result.GetValue(_tlsCa),
        };
        return new HostOptions
        {
            Lattice = result.GetValue(_lattice)!,
            HostSeed = result.GetValue(_hostSeed),
            Ctl = nats with
            {
                Host = result.GetValue(_ctlHost) ?? nats.Host, Port = result.GetValue(_ctlPort) ?? nats.Port,
                Jwt = result.GetValue(_ctlJwt) ?? nats.Jwt, Seed = result.GetValue(_ctlSeed) ?? nats.Seed, CredsFile = result.GetValue(_ctlCreds) ?? nats.CredsFile,
                Tls = result.GetValue(_ctlTls),
            },
            Rpc = nats with
            {
                Host = result.GetValue(_rpcHost) ?? nats.Host, Port = result.GetValue(_rpcPort) ?? nats.Port,
                Jwt = result.GetValue(_rpcJwt) ?? nats.Jwt, Seed = result.GetValue(_rpcSeed) ?? nats.Seed, CredsFile = result.GetValue(_rpcCreds) ?? nats.CredsFile,
                Tls = result.GetValue(_rpcTls),
            },
            CtlTopicPrefix = result.GetValue(_ctlTopicPrefix)!,
            JsDomain = result.GetValue(_jsDomain),
            RpcTimeout = TimeSpan.FromMilliseconds(result.GetValue(_rpcTimeout)),
            Labels = Labels(result.GetValue(_labels) ?? []),
            AllowLatest = result.GetValue(_allowLatest),
            BuiltinImages = !result.GetValue(_noBuiltinImages),
            AllowedInsecure = (result.GetValue(_allowedInsecure) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            AllowFileLoad = result.GetValue(_allowFileLoad),
            OciRegistry = result.GetValue(_ociRegistry),
            OciUser = result.GetValue(_ociUser),
            OciPassword = result.GetValue(_ociPassword),
            MaxExecutionTime = TimeSpan.FromMilliseconds(Positive(result.GetValue(_maxExecution), "--max-execution-time-ms")),
            MaxInvocations = (int)Positive(result.GetValue(_maxInvocations), "--max-invocations"),
            MaxLinearMemoryBytes = Positive(result.GetValue(_maxMemory), "--max-linear-memory-bytes"),
            MaxComponentSizeBytes = Positive(result.GetValue(_maxSize), "--max-component-size-bytes"),
            MaxComponents = (int)Positive(result.GetValue(_maxComponents), "--max-components"),
            HeartbeatInterval = TimeSpan.FromSeconds(result.GetValue(_heartbeat) is > 0 and var seconds ? seconds : throw new HostConfigurationException("--heartbeat-interval-seconds must be more than 0")),
            ProviderShutdownDelay = TimeSpan.FromMilliseconds(result.GetValue(_providerDelay)),
            EnableComponentAuction = result.GetValue(_componentAuction),
            EnableProviderAuction = result.GetValue(_providerAuction),
            HttpAdmin = result.GetValue(_httpAdmin) is { Length: > 0 } admin
                ? System.Net.IPEndPoint.TryParse(admin, out var endpoint) ? endpoint : throw new HostConfigurationException($"--http-admin wants IP:PORT, not `{admin}`")
                : null,
            CompileCacheDirectory = cacheDirectory,
        };
    }

    /// <summary>Labels from <c>WASMCLOUD_LABEL_{key}</c> variables, then <c>-l key=value</c> flags (which win).</summary>
    private static Dictionary<string, string> Labels(string[] flags)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
            if (variable.Key is string name && name.StartsWith("WASMCLOUD_LABEL_", StringComparison.Ordinal) && name.Length > "WASMCLOUD_LABEL_".Length)
                labels[name["WASMCLOUD_LABEL_".Length..]] = variable.Value as string ?? "";
        foreach (var flag in flags)
        {
            var equals = flag.IndexOf('=');
            if (equals <= 0) throw new HostConfigurationException($"--label wants KEY=VALUE, not `{flag}`");
            labels[flag[..equals]] = flag[(equals + 1)..];
        }
        if (labels.Keys.FirstOrDefault(key => key.StartsWith("hostcore.", StringComparison.OrdinalIgnoreCase)) is { } reserved)
            throw new HostConfigurationException($"label {reserved}: hostcore.* labels are set by the host");
        return labels;
    }

    private static long Positive(long value, string flag) => value > 0 ? value : throw new HostConfigurationException($"{flag} must be more than 0");

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static Option<string> Text(string name, string env, string description, string fallback, params string[] aliases) =>
        new(name, aliases) { Description = $"{description} [env: {env}]", DefaultValueFactory = _ => Env(env) ?? fallback };

    private static Option<string?> OptionalText(string name, string env, string description) =>
        new(name) { Description = $"{description} [env: {env}]", DefaultValueFactory = _ => Env(env) };

    private static Option<T> Number<T>(string name, string env, string description, T fallback) where T : struct, IParsable<T> =>
        new(name) { Description = $"{description} [env: {env}]", DefaultValueFactory = _ => Env(env) is { } text ? ParseEnv<T>(env, text) : fallback };

    private static Option<int?> OptionalNumber(string name, string env, string description) =>
        new(name) { Description = $"{description} [env: {env}]", DefaultValueFactory = _ => Env(env) is { } text ? ParseEnv<int>(env, text) : null };

    private static T ParseEnv<T>(string env, string text) where T : IParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : throw new HostConfigurationException($"{env}=`{text}` is not a number");

    /// <summary>A flag that is off unless given (or its variable is true).</summary>
    private static Option<bool> Flag(string name, string env, string description) =>
        new(name) { Description = $"{description} [env: {env}]", DefaultValueFactory = _ => IsTrue(Env(env), false) };

    /// <summary>A setting that is on unless turned off (<c>--enable-component-auction false</c>, or its variable).</summary>
    private static Option<bool> Switch(string name, string env, string description) =>
        new(name) { Description = $"{description} [env: {env}]", DefaultValueFactory = _ => IsTrue(Env(env), true), Arity = ArgumentArity.ZeroOrOne };

    private static bool IsTrue(string? text, bool fallback) => text is null ? fallback : text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1";
}
