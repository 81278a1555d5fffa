using Microsoft.Extensions.Logging;
using WasmCloud.Wadm;

// wadm: upstream's environment variables, plus --nats-server and --log-level for a quick start by hand.
string? natsServer = null;
var level = LogLevel.Information;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--nats-server" when i + 1 < args.Length:
            natsServer = args[++i];
            break;
        case "--log-level" when i + 1 < args.Length:
            level = args[++i].ToLowerInvariant() switch
            {
                "trace" => LogLevel.Trace, "debug" => LogLevel.Debug, "info" => LogLevel.Information, "warn" => LogLevel.Warning, "error" => LogLevel.Error,
                var other => (LogLevel)Fail($"--log-level `{other}` is not one of trace, debug, info, warn, error"),
            };
            break;
        case "--help" or "-h":
            Console.WriteLine("""
                wadm: declarative deployment of wasmCloud applications (OAM manifests), reconciled against the lattice.

                Usage: wadm [--nats-server HOST:PORT] [--log-level LEVEL]

                Environment: WADM_NATS_SERVER (127.0.0.1:4222), WADM_NATS_NKEY, WADM_NATS_JWT, WADM_NATS_CREDS_FILE,
                WADM_JETSTREAM_DOMAIN, WADM_API_PREFIX (wadm.api), WADM_MANIFEST_BUCKET_NAME (wadm_manifests),
                WADM_STATE_BUCKET_NAME (wadm_state), WADM_CLEANUP_INTERVAL (seconds; hosts silent for twice this are reaped
                until their heartbeat interval is measured).
                """);
            return 0;
        default:
            return Fail($"unknown argument `{args[i]}` (see wadm --help)");
    }
}

WadmOptions options;
try
{
    options = WadmOptions.FromEnvironment(Environment.GetEnvironmentVariable);
    if (natsServer is not null) options = options with { Nats = WasmCloud.Lattice.NatsEndpoint.Parse(natsServer) };
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    return Fail(e.Message);
}

using var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
    o.UseUtcTimestamp = true;
}));
var log = loggers.CreateLogger("wadm");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
try
{
    await using var server = await WadmServer.StartAsync(options, log, stop.Token);
    await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    log.LogInformation("wadm stopping");
    return 0;
}
catch (Exception e) when (e is NATS.Client.Core.NatsException or OperationCanceledException)
{
    Console.Error.WriteLine($"wadm: cannot run against NATS at {options.Nats.Url}: {e.Message}");
    return 1;
}

static int Fail(string message)
{
    Console.Error.WriteLine($"wadm: {message}");
    Environment.Exit(1);
    return 1;
}
