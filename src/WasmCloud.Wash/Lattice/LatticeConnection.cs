using System.CommandLine;
using System.Globalization;
using NATS.Client.Core;
using WasmCloud.Lattice;

namespace WasmCloud.Wash;

/// <summary>
/// How a lattice command reaches the lattice, with upstream wash's options and variables: <c>-r/--ctl-host</c>,
/// <c>-p/--ctl-port</c>, <c>--ctl-jwt</c>, <c>--ctl-seed</c>, <c>--ctl-credsfile</c>, <c>-x/--lattice</c> and
/// <c>-t/--timeout-ms</c> (<c>WASMCLOUD_CTL_HOST</c>, <c>_PORT</c>, <c>WASH_CTL_CREDS</c>, <c>WASMCLOUD_LATTICE</c>,
/// <c>WASMCLOUD_CTL_TIMEOUT_MS</c>; the subject prefix from <c>WASMCLOUD_CTL_TOPIC_PREFIX</c>).
/// </summary>
internal sealed class LatticeConnection
{
    public const int DefaultTimeoutMs = 2000;

    private readonly Option<string> _host = new("--ctl-host", "-r") { Description = "NATS host of the lattice [env: WASMCLOUD_CTL_HOST]", DefaultValueFactory = _ => Env("WASMCLOUD_CTL_HOST") ?? "127.0.0.1" };
    private readonly Option<int> _port = new("--ctl-port", "-p") { Description = "NATS port of the lattice [env: WASMCLOUD_CTL_PORT]", DefaultValueFactory = _ => Env("WASMCLOUD_CTL_PORT") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 4222 };
    private readonly Option<string?> _jwt = new("--ctl-jwt") { Description = "JWT for the NATS connection [env: WASMCLOUD_CTL_JWT]", DefaultValueFactory = _ => Env("WASMCLOUD_CTL_JWT") };
    private readonly Option<string?> _seed = new("--ctl-seed") { Description = "nkey seed for the NATS connection [env: WASMCLOUD_CTL_SEED]", DefaultValueFactory = _ => Env("WASMCLOUD_CTL_SEED") };
    private readonly Option<string?> _creds = new("--ctl-credsfile") { Description = "NATS credentials file [env: WASH_CTL_CREDS]", DefaultValueFactory = _ => Env("WASH_CTL_CREDS") };
    private readonly Option<string> _lattice = new("--lattice", "-x") { Description = "the lattice [env: WASMCLOUD_LATTICE]", DefaultValueFactory = _ => Env("WASMCLOUD_LATTICE") ?? "default" };
    private readonly Option<int> _timeout = new("--timeout-ms", "-t") { Description = "how long to wait for a reply, in ms [env: WASMCLOUD_CTL_TIMEOUT_MS]", DefaultValueFactory = _ => Env("WASMCLOUD_CTL_TIMEOUT_MS") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : DefaultTimeoutMs };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _host, _port, _jwt, _seed, _creds, _lattice, _timeout }) command.Options.Add(option);
    }

    public int TimeoutMs(ParseResult result) => result.GetValue(_timeout);

    /// <summary>Whether -t was left at its default (some commands then wait longer, as upstream's do).</summary>
    public bool TimeoutIsDefault(ParseResult result) => result.GetResult(_timeout) is null or { Implicit: true } && Env("WASMCLOUD_CTL_TIMEOUT_MS") is null;

    public NatsEndpoint Endpoint(ParseResult result) => new()
    {
        Host = result.GetValue(_host)!, Port = result.GetValue(_port), Jwt = result.GetValue(_jwt), Seed = result.GetValue(_seed), CredsFile = result.GetValue(_creds),
    };

    /// <summary>Connects to the lattice's NATS server; one that does not answer is a <see cref="LatticeException"/> naming it.</summary>
    public async Task<LatticeSession> OpenAsync(ParseResult result, CancellationToken cancel)
    {
        var endpoint = Endpoint(result);
        var nats = new NatsConnection(endpoint.Options("wash") with { MaxReconnectRetry = 0 });
        try
        {
            await nats.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), cancel);
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            await nats.DisposeAsync();
            throw new LatticeException($"could not connect to NATS at {endpoint.Url}: {e.Message} (is `wash up` running?)");
        }
        var timeout = TimeSpan.FromMilliseconds(TimeoutMs(result));
        var subjects = new Subjects(result.GetValue(_lattice)!, Env("WASMCLOUD_CTL_TOPIC_PREFIX") ?? Subjects.DefaultTopicPrefix);
        return new LatticeSession(nats, new CtlClient(nats, subjects) { Timeout = timeout, AuctionTimeout = timeout });
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

/// <summary>An open connection to a lattice and its ctl client.</summary>
internal sealed class LatticeSession(NatsConnection nats, CtlClient ctl) : IAsyncDisposable
{
    public NatsConnection Nats { get; } = nats;
    public CtlClient Ctl { get; } = ctl;

    public ValueTask DisposeAsync() => Nats.DisposeAsync();
}
