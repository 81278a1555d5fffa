using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NATS.NKeys;
using WasmCloud.Lattice;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash up</c>: a local lattice in one command. Starts nats-server with JetStream (or joins a running one,
/// which <c>wash down</c> then leaves alone) and a host, waits until the host answers, and either follows its
/// log until Ctrl-C (then stops what it started) or, with <c>-d</c>, leaves both running with their pids and
/// logs under the XDG state directory.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var detached = new Option<bool>("--detached", "-d") { Description = "leave the host running in the background" };
        detached.Aliases.Add("--detach");
        var natsHost = new Option<string>("--nats-host") { Description = "NATS host [env: WASMCLOUD_NATS_HOST]", DefaultValueFactory = _ => Env("WASMCLOUD_NATS_HOST") ?? "127.0.0.1" };
        var natsPort = new Option<int>("--nats-port") { Description = "NATS port [env: WASMCLOUD_NATS_PORT]", DefaultValueFactory = _ => Env("WASMCLOUD_NATS_PORT") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 4222 };
        var connectOnly = new Option<bool>("--nats-connect-only") { Description = "join the NATS server at --nats-host/--nats-port instead of starting one" };
        var remoteUrl = new Option<string?>("--nats-remote-url") { Description = "make the started NATS server a leaf node of this remote" };
        var jsDomain = new Option<string?>("--nats-js-domain") { Description = "the JetStream domain of the started NATS server" };
        var lattice = new Option<string>("--lattice", "-x") { Description = "the lattice [env: WASMCLOUD_LATTICE]", DefaultValueFactory = _ => Env("WASMCLOUD_LATTICE") ?? "default" };
        var hostSeed = new Option<string?>("--host-seed") { Description = "the host's nkey seed (SN…) [env: WASMCLOUD_HOST_SEED]", DefaultValueFactory = _ => Env("WASMCLOUD_HOST_SEED") };
        var labels = new Option<string[]>("--label", "-l") { Description = "a host label KEY=VALUE (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var allowLatest = new Option<bool>("--allow-latest") { Description = "let the host pull images tagged latest" };
        var allowedInsecure = new Option<string[]>("--allowed-insecure") { Description = "a registry to reach over plain HTTP (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var allowFileLoad = new Option<bool>("--allow-file-load") { Description = "let the host load file:// references (on by default, as in upstream wash)", DefaultValueFactory = _ => true, Arity = ArgumentArity.ZeroOrOne };
        var maxExecution = new Option<long?>("--max-execution-time-ms") { Description = "how long one invocation may run, in ms" };
        var logLevel = new Option<string>("--log-level") { Description = "the host's log level", DefaultValueFactory = _ => "info" };
        var multiLocal = new Option<bool>("--multi-local") { Description = "start another host even when an earlier wash up is running" };
        var disableWadm = new Option<bool>("--disable-wadm") { Description = "do not start wadm (wash app needs one running somewhere on the lattice)" };
        var command = new Command("up", "Start a local lattice: NATS, a wasmCloud host and wadm")
        {
            detached, natsHost, natsPort, connectOnly, remoteUrl, jsDomain, lattice, hostSeed, labels, allowLatest, allowedInsecure, allowFileLoad, maxExecution, logLevel, multiLocal, disableWadm,
        };
        command.SetAction(async (result, cancel) =>
        {
            var output = new CommandOutput(result.GetValue(CommandOutput.Format) == "json");
            try
            {
                var settings = new UpSettings(result.GetValue(natsHost)!, result.GetValue(natsPort), result.GetValue(connectOnly), result.GetValue(remoteUrl),
                    result.GetValue(jsDomain), result.GetValue(lattice)!, result.GetValue(hostSeed), result.GetValue(labels) ?? [], result.GetValue(allowLatest),
                    result.GetValue(allowedInsecure) ?? [], result.GetValue(allowFileLoad), result.GetValue(maxExecution), result.GetValue(logLevel)!, result.GetValue(disableWadm));
                if (!result.GetValue(multiLocal) && LocalStack.Running() is { } running)
                    throw new WashException($"wasmCloud is already running here (host {running.HostId}, pid {running.HostPid}, NATS {running.NatsUrl}); run `wash down` first, or pass --multi-local");
                var stack = await StartAsync(settings, cancel);
                if (result.GetValue(detached))
                {
                    output.Result($"wasmCloud host {stack.HostId} is running in lattice {stack.Lattice} (NATS {stack.NatsUrl}){(stack.WadmPid is null ? "" : ", with wadm")}\nlogs: {stack.HostLog}{(stack.WadmLog is { } wadmLog ? $", {wadmLog}" : "")}\nTo stop it, run \"wash down\"",
                        new JsonObject { ["host_id"] = stack.HostId, ["wasmcloud_log"] = stack.HostLog, ["nats_url"] = stack.NatsUrl, ["kill_cmd"] = "wash down" });
                    return 0;
                }
                Console.Error.WriteLine($"wasmCloud host {stack.HostId} is running in lattice {stack.Lattice} (NATS {stack.NatsUrl}); Ctrl-C stops it");
                await FollowAsync(stack.HostLog, stack.HostPid, cancel);
                await DownCommand.StopAsync(stack);
                return 0;
            }
            catch (Exception e) when (e is WashException or LatticeException or IOException or FormatException or NATS.Client.Core.NatsException)
            {
                output.Fail(e.Message);
                return 1;
            }
        });
        return command;
    }

    private sealed record UpSettings(string NatsHost, int NatsPort, bool ConnectOnly, string? RemoteUrl, string? JsDomain, string Lattice, string? HostSeed,
        string[] Labels, bool AllowLatest, string[] AllowedInsecure, bool AllowFileLoad, long? MaxExecutionMs, string LogLevel, bool DisableWadm);

    private static async Task<LocalStack> StartAsync(UpSettings settings, CancellationToken cancel)
    {
        var state = LocalStack.StateDirectory();
        Directory.CreateDirectory(state);
        int? natsPid = null;
        string? natsLog = null;
        var natsUrl = $"nats://{settings.NatsHost}:{settings.NatsPort}";
        if (!ChildProcess.Listening(settings.NatsHost, settings.NatsPort))
        {
            if (settings.ConnectOnly) throw new WashException($"no NATS server answers at {natsUrl} (--nats-connect-only joins a running one)");
            (natsPid, natsLog) = await StartNatsAsync(settings, state);
        }
        else
        {
            Console.Error.WriteLine($"joining the NATS server already running at {natsUrl} (wash down will leave it running)");
        }
        var hostLog = Path.Combine(state, "wasmcloud.log");
        using var key = settings.HostSeed is { Length: > 0 } seed ? KeyPair.FromSeed(seed) : KeyPair.CreatePair(PrefixByte.Server);
        var hostId = key.GetPublicKey();
        var arguments = new List<string>
        {
            "--nats-host", settings.NatsHost, "--nats-port", settings.NatsPort.ToString(CultureInfo.InvariantCulture),
            "--lattice", settings.Lattice, "--log-level", settings.LogLevel,
        };
        if (settings.AllowFileLoad) arguments.Add("--allow-file-load");
        if (settings.AllowLatest) arguments.Add("--allow-latest");
        if (settings.AllowedInsecure.Length > 0) arguments.AddRange(["--allowed-insecure", string.Join(',', settings.AllowedInsecure)]);
        if (settings.MaxExecutionMs is { } ms) arguments.AddRange(["--max-execution-time-ms", ms.ToString(CultureInfo.InvariantCulture)]);
        if (settings.JsDomain is { } domain) arguments.AddRange(["--js-domain", domain]);
        foreach (var label in settings.Labels) arguments.AddRange(["--label", label]);
        // The seed goes by environment, not argument, so it is not in the process list.
        int hostPid;
        try
        {
            hostPid = ChildProcess.StartDetached(HostExecutable(), arguments, hostLog, new Dictionary<string, string> { ["WASMCLOUD_HOST_SEED"] = key.GetSeed() });
        }
        catch (WashException)
        {
            if (natsPid is { } started) await ChildProcess.StopAsync(started, "nats-server", TimeSpan.FromSeconds(5));
            throw;
        }
        int? wadmPid = null;
        string? wadmLog = null;
        if (!settings.DisableWadm)
        {
            wadmLog = Path.Combine(state, "wadm.log");
            try
            {
                wadmPid = ChildProcess.StartDetached(SiblingExecutable("wadm"), [], wadmLog, new Dictionary<string, string>
                {
                    ["WADM_NATS_SERVER"] = $"{settings.NatsHost}:{settings.NatsPort}",
                    ["WADM_JETSTREAM_DOMAIN"] = settings.JsDomain ?? "",
                });
            }
            catch (WashException)
            {
                await ChildProcess.StopAsync(hostPid, "wasmcloud", TimeSpan.FromSeconds(5));
                if (natsPid is { } started) await ChildProcess.StopAsync(started, "nats-server", TimeSpan.FromSeconds(5));
                throw;
            }
        }
        var stack = new LocalStack
        {
            Lattice = settings.Lattice, NatsUrl = natsUrl, NatsHost = settings.NatsHost, NatsPort = settings.NatsPort, NatsPid = natsPid, NatsLog = natsLog,
            HostId = hostId, HostPid = hostPid, HostLog = hostLog, WadmPid = wadmPid, WadmLog = wadmLog,
        };
        stack.Save();
        await WaitForHostAsync(stack, cancel);
        return stack;
    }

    private static async Task<(int Pid, string Log)> StartNatsAsync(UpSettings settings, string state)
    {
        var binary = ChildProcess.Find("nats-server")
            ?? throw new WashException("nats-server is not installed (apt-get install nats-server), or join a running server with --nats-connect-only");
        var config = Path.Combine(state, "nats.conf");
        var store = Path.Combine(state, "jetstream");
        var lines = new List<string>
        {
            $"listen: \"{settings.NatsHost}:{settings.NatsPort}\"",
            $"jetstream {{ store_dir: \"{store}\"{(settings.JsDomain is { } domain ? $" domain: \"{domain}\"" : "")} }}",
        };
        if (settings.RemoteUrl is { } remote) lines.Add($"leafnodes {{ remotes: [ {{ url: \"{remote}\" }} ] }}");
        await File.WriteAllLinesAsync(config, lines);
        var log = Path.Combine(state, "nats.log");
        // A server that dies at once (seen rarely, with nothing in its log) gets one more try before wash up gives up.
        for (var attempt = 1; ; attempt++)
        {
            var pid = ChildProcess.StartDetached(binary, ["-c", config], log);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (!ChildProcess.Listening(settings.NatsHost, settings.NatsPort))
            {
                var exited = !ChildProcess.IsRunning(pid, "nats-server");
                if (exited) await Task.Delay(200);
                if (exited && !ChildProcess.IsRunning(pid, "nats-server") && !ChildProcess.Listening(settings.NatsHost, settings.NatsPort))
                {
                    if (attempt < 2) break;
                    throw new WashException($"nats-server exited as it started; its log is {log}:\n{Tail(log)}");
                }
                if (DateTime.UtcNow > deadline)
                {
                    await ChildProcess.StopAsync(pid, "nats-server", TimeSpan.FromSeconds(2));
                    throw new WashException($"nats-server did not start listening on {settings.NatsHost}:{settings.NatsPort} within 15 s; its log is {log}:\n{Tail(log)}");
                }
                await Task.Delay(100);
            }
            if (ChildProcess.Listening(settings.NatsHost, settings.NatsPort)) return (pid, log);
        }
    }

    private static async Task WaitForHostAsync(LocalStack stack, CancellationToken cancel)
    {
        await using var nats = new NATS.Client.Core.NatsConnection(new NatsEndpoint { Host = stack.NatsHost, Port = stack.NatsPort }.Options("wash up"));
        await nats.ConnectAsync();
        var ctl = new CtlClient(nats, new Subjects(stack.Lattice)) { AuctionTimeout = TimeSpan.FromMilliseconds(500), GatherIdle = TimeSpan.FromMilliseconds(200) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await ctl.PingHostsAsync(cancel)).Any(h => h.Id == stack.HostId))
        {
            if (!ChildProcess.IsRunning(stack.HostPid, "wasmcloud") || DateTime.UtcNow > deadline)
            {
                await DownCommand.StopAsync(stack);
                throw new WashException($"the host did not start; its log is {stack.HostLog}:\n{Tail(stack.HostLog)}");
            }
            await Task.Delay(200, cancel);
        }
    }

    /// <summary>Prints the host's log as it grows until Ctrl-C or until the host exits.</summary>
    private static async Task FollowAsync(string log, int pid, CancellationToken cancel)
    {
        await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (!cancel.IsCancellationRequested && ChildProcess.IsRunning(pid, "wasmcloud"))
        {
            if (await reader.ReadLineAsync(CancellationToken.None) is { } line) Console.WriteLine(line);
            else await Task.Delay(200, CancellationToken.None);
        }
    }

    private static string HostExecutable() => SiblingExecutable("wasmcloud");

    private static string SiblingExecutable(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(path) ? path : throw new WashException($"the {name} executable is missing ({path}); is wash built whole?");
    }

    private static string Tail(string path) => File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(10)) : "(no log)";

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
