using System.CommandLine;
using System.Text.Json.Nodes;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash scale component HOST REF ID [--max-instances N]</c> and <c>wash update component [--host-id H] ID REF</c>:
/// change how many instances of a running component may run at once, or the image it runs.
/// </summary>
internal static class ScaleCommand
{
    public static Command Create()
    {
        var command = new Command("scale", "Scale a component");
        command.Subcommands.Add(Component());
        return command;
    }

    private static Command Component()
    {
        var connection = new LatticeConnection();
        var host = new Argument<string>("host-id") { Description = "the host (ID, ID prefix or friendly name)" };
        var reference = new Argument<string>("component-ref") { Description = "the component's reference" };
        var id = new Argument<string>("component-id") { Description = "the component's ID" };
        var maxInstances = new Option<uint>("--max-instances", "-c") { Description = "how many instances may run at once (0 stops it; unbounded when left out)", DefaultValueFactory = _ => uint.MaxValue };
        foreach (var alias in new[] { "--max-concurrent", "--max", "--count" }) maxInstances.Aliases.Add(alias);
        var annotations = new Option<string[]>("--annotations", "-a") { Description = "an annotation KEY=VALUE (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var config = new Option<string[]>("--config") { Description = "a named config to give it (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var skipWait = new Option<bool>("--skip-wait") { Description = "return once the host accepts" };
        var allowUpdate = new Option<bool>("--allow-update") { Description = "move the component to this reference too" };
        var command = new Command("component", "Set a component's maximum concurrent instances on a host") { host, reference, id, maxInstances, annotations, config, skipWait, allowUpdate };
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var hostId = await HostLookup.FindAsync(session.Ctl, result.GetValue(host)!, cancel);
            var componentRef = ReferenceResolver.Resolve(result.GetValue(reference)!);
            var componentId = Ids.Check(result.GetValue(id)!, "Component");
            var count = result.GetValue(maxInstances);
            await using var events = await session.Ctl.WatchEventsAsync(cancel);
            var reply = await session.Ctl.ScaleComponentAsync(new ScaleComponentCommand
            {
                ComponentRef = componentRef, ComponentId = componentId, HostId = hostId, Count = count,
                Annotations = result.GetValue(annotations) is { Length: > 0 } pairs ? KeyValues.Parse(pairs) : null,
                Config = (result.GetValue(config) ?? []).ToList(), AllowUpdate = result.GetValue(allowUpdate),
            }, cancel);
            if (!reply.Success) throw new WashException($"Operation failed: {reply.Message}");
            var text = $"Component [{componentId}] (ref: [{componentRef}]) scaled on host [{hostId}] to {(count == uint.MaxValue ? "unbounded concurrency" : $"{count} max concurrent instances")}";
            if (!result.GetValue(skipWait))
            {
                var outcome = await events.WaitForAsync(e => e.Source == hostId && e.Name is EventNames.ComponentScaled or EventNames.ComponentScaleFailed
                    && StartCommand.Data(e, "component_id") == componentId, TimeSpan.FromSeconds(10), cancel);
                if (outcome is null) throw new WashException($"Failed to scale component [{componentId}] on host [{hostId}]: Timed out waiting for applicable event, operation may have failed");
                if (outcome.Name == EventNames.ComponentScaleFailed) throw new WashException($"Failed to scale component [{componentId}] on host [{hostId}]: {StartCommand.Data(outcome, "error")}");
            }
            output.Result(text, new JsonObject { ["result"] = text, ["component_ref"] = componentRef, ["component_id"] = componentId, ["host_id"] = hostId, ["max_instances"] = count });
        }));
        return command;
    }

    public static Command Update()
    {
        var connection = new LatticeConnection();
        var hostOption = new Option<string?>("--host-id") { Description = "the host running it; found from the inventories when left out" };
        var id = new Argument<string>("component-id") { Description = "the component's ID" };
        var reference = new Argument<string>("new-component-ref") { Description = "the reference to move it to" };
        var command = new Command("component", "Move a running component to a new reference, without dropping requests in flight") { hostOption, id, reference };
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var componentId = result.GetValue(id)!;
            var newRef = result.GetValue(reference)!;
            var hostId = result.GetValue(hostOption) is { } named
                ? await HostLookup.FindAsync(session.Ctl, named, cancel)
                : (await HostLookup.RunningAsync(session.Ctl, inventory => inventory.Components.Any(c => c.Id == componentId), $"component [{componentId}]", cancel)).HostId;
            var reply = await session.Ctl.UpdateComponentAsync(new UpdateComponentCommand { ComponentId = componentId, HostId = hostId, NewComponentRef = newRef }, cancel);
            if (!reply.Success) throw new WashException(reply.Message);
            var text = $"Host [{hostId}]: {reply.Message}";
            output.Result(text, new JsonObject { ["result"] = text, ["component_id"] = componentId, ["host_id"] = hostId, ["new_component_ref"] = newRef });
        }));
        var update = new Command("update", "Update a component");
        update.Subcommands.Add(command);
        return update;
    }
}
