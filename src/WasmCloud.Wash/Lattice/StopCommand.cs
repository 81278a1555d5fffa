using System.CommandLine;
using System.Text.Json.Nodes;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Wash;

/// <summary><c>wash stop component|provider|host</c>.</summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var command = new Command("stop", "Stop a component, provider or host");
        command.Subcommands.Add(Component());
        command.Subcommands.Add(Provider());
        command.Subcommands.Add(Host());
        return command;
    }

    private static Command Component()
    {
        var connection = new LatticeConnection();
        var hostOption = new Option<string?>("--host-id") { Description = "the host running it; found from the inventories when left out" };
        var id = new Argument<string>("component-id") { Description = "the component's ID" };
        var skipWait = new Option<bool>("--skip-wait") { Description = "return once the host accepts" };
        var command = new Command("component", "Stop a component (scale it to 0)") { id, hostOption, skipWait };
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var componentId = result.GetValue(id)!;
            var (hostId, inventory) = await FindAsync(session, result.GetValue(hostOption), i => i.Components.Any(c => c.Id == componentId), $"component [{componentId}]", cancel);
            var running = inventory.Components.FirstOrDefault(c => c.Id == componentId) ?? throw new WashException($"No host found running component [{componentId}]");
            await using var events = await session.Ctl.WatchEventsAsync(cancel);
            var reply = await session.Ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentId = componentId, ComponentRef = running.ImageRef, HostId = hostId, Count = 0 }, cancel);
            if (!reply.Success) throw new WashException($"Operation failed: {reply.Message}");
            if (!result.GetValue(skipWait))
            {
                var outcome = await events.WaitForAsync(e => e.Source == hostId && e.Name == EventNames.ComponentScaled && StartCommand.Data(e, "component_id") == componentId,
                    TimeSpan.FromMilliseconds(Math.Max(connection.TimeoutMs(result), LatticeConnection.DefaultTimeoutMs)), cancel);
                if (outcome is null) throw new WashException($"Timed out waiting for component [{componentId}] to stop, operation may have failed");
            }
            var text = $"Component [{componentId}] stopped";
            output.Result(text, new JsonObject { ["result"] = text, ["component_id"] = componentId, ["host_id"] = hostId });
        }));
        return command;
    }

    private static Command Provider()
    {
        var connection = new LatticeConnection();
        var hostOption = new Option<string?>("--host-id") { Description = "the host running it; found from the inventories when left out" };
        var id = new Argument<string>("provider-id") { Description = "the provider's ID" };
        var skipWait = new Option<bool>("--skip-wait") { Description = "return once the host accepts" };
        var command = new Command("provider", "Stop a provider") { id, hostOption, skipWait };
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var providerId = result.GetValue(id)!;
            var (hostId, _) = await FindAsync(session, result.GetValue(hostOption), i => i.Providers.Any(p => p.Id == providerId), $"provider [{providerId}]", cancel);
            var reply = await session.Ctl.StopProviderAsync(new StopProviderCommand { HostId = hostId, ProviderId = providerId }, cancel);
            if (!reply.Success) throw new WashException($"Operation failed: {reply.Message}");
            var text = $"Provider [{providerId}] stopped successfully";
            output.Result(text, new JsonObject { ["result"] = text, ["provider_id"] = providerId, ["host_id"] = hostId });
        }));
        return command;
    }

    private static Command Host()
    {
        var connection = new LatticeConnection();
        var id = new Argument<string>("host-id") { Description = "the host (ID, ID prefix or friendly name)" };
        var hostTimeout = new Option<ulong?>("--host-timeout") { Description = "how long the host may take to stop, in ms" };
        var command = new Command("host", "Stop a host") { id, hostTimeout };
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var hostId = await HostLookup.FindAsync(session.Ctl, result.GetValue(id)!, cancel);
            var reply = await session.Ctl.StopHostAsync(hostId, result.GetValue(hostTimeout), cancel);
            if (!reply.Success) throw new WashException($"Operation failed: {reply.Message}");
            var text = $"Host {hostId} acknowledged stop request";
            output.Result(text, new JsonObject { ["result"] = text, ["host_id"] = hostId });
        }));
        return command;
    }

    private static async Task<(string HostId, HostInventory Inventory)> FindAsync(LatticeSession session, string? named, Func<HostInventory, bool> runs, string what, CancellationToken cancel)
    {
        if (named is null) return await HostLookup.RunningAsync(session.Ctl, runs, what, cancel);
        var hostId = await HostLookup.FindAsync(session.Ctl, named, cancel);
        var reply = await session.Ctl.GetHostInventoryAsync(hostId, cancel);
        return (hostId, reply.Response ?? throw new WashException($"host {hostId} did not give its inventory: {reply.Message}"));
    }
}
