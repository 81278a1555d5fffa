using System.CommandLine;
using System.Text.Json.Nodes;
using WasmCloud.Lattice;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash down</c>: stops what <c>wash up</c> started, and nothing else: its host (asked over the control
/// interface, then signalled if it does not go), and its NATS server only if <c>wash up</c> started that server.
/// </summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var command = new Command("down", "Stop the host, wadm and NATS server that wash up started");
        command.SetAction(async (result, cancel) =>
        {
            var output = new CommandOutput(result.GetValue(CommandOutput.Format) == "json");
            if (LocalStack.Recorded() is not { } stack)
            {
                output.Result("Nothing to stop: no wash up is running here", new JsonObject { ["hosts_stopped"] = new JsonArray(), ["nats_stopped"] = false });
                return 0;
            }
            var natsStopped = await StopAsync(stack);
            output.Result($"wasmCloud host {stack.HostId} stopped{(stack.WadmPid is null ? "" : "; wadm stopped")}{(natsStopped ? "; NATS server stopped" : stack.NatsPid is null ? "; NATS server left running (wash up did not start it)" : "")}",
                new JsonObject { ["hosts_stopped"] = new JsonArray(stack.HostId), ["nats_stopped"] = natsStopped });
            return 0;
        });
        return command;
    }

    /// <summary>Stops the recorded host and, when wash up started it, the NATS server; forgets the record. True when NATS was stopped.</summary>
    public static async Task<bool> StopAsync(LocalStack stack)
    {
        if (ChildProcess.IsRunning(stack.HostPid, "wasmcloud"))
        {
            await AskHostToStopAsync(stack);
            if (!await ChildProcess.ExitedAsync(stack.HostPid, "wasmcloud", TimeSpan.FromSeconds(10)))
                await ChildProcess.StopAsync(stack.HostPid, "wasmcloud", TimeSpan.FromSeconds(5));
        }
        if (stack.WadmPid is { } wadmPid && ChildProcess.IsRunning(wadmPid, "wadm"))
            await ChildProcess.StopAsync(wadmPid, "wadm", TimeSpan.FromSeconds(10));
        var natsStopped = false;
        if (stack.NatsPid is { } natsPid && ChildProcess.IsRunning(natsPid, "nats-server"))
        {
            await ChildProcess.StopAsync(natsPid, "nats-server", TimeSpan.FromSeconds(10));
            natsStopped = true;
        }
        LocalStack.Forget();
        return natsStopped;
    }

    private static async Task AskHostToStopAsync(LocalStack stack)
    {
        try
        {
            await using var nats = new NATS.Client.Core.NatsConnection(new NatsEndpoint { Host = stack.NatsHost, Port = stack.NatsPort }.Options("wash down") with { MaxReconnectRetry = 0 });
            await nats.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(3));
            await new CtlClient(nats, new Subjects(stack.Lattice)).StopHostAsync(stack.HostId);
        }
        catch (Exception e) when (e is LatticeException or NATS.Client.Core.NatsException or TimeoutException)
        {
            // The host is signalled instead.
        }
    }
}
