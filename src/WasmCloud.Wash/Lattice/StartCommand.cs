using System.CommandLine;
using System.Text.Json.Nodes;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash start component REF ID</c> and <c>wash start provider REF ID</c>: picks a host (the one named, else
/// the first bidder of an auction), asks it, and waits for the event that says how it went.
/// </summary>
internal static class StartCommand
{
    private static readonly TimeSpan ComponentWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProviderWait = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var command = new Command("start", "Start a component or provider");
        command.Subcommands.Add(Component());
        command.Subcommands.Add(Provider());
        return command;
    }

    private static Command Component()
    {
        var connection = new LatticeConnection();
        var reference = new Argument<string>("component-ref") { Description = "an OCI reference, a file:// reference or a path to a .wasm file" };
        var id = new Argument<string>("component-id") { Description = "the ID to run it under (letters, digits, - and _)" };
        var options = new StartOptions();
        var maxInstances = new Option<uint>("--max-instances") { Description = "how many instances may run at once", DefaultValueFactory = _ => 1 };
        foreach (var alias in new[] { "--max-concurrent", "--max", "--count" }) maxInstances.Aliases.Add(alias);
        var allowUpdate = new Option<bool>("--allow-update") { Description = "move a running component of this ID to the new reference" };
        var command = new Command("component", "Start a component on a host") { reference, id, maxInstances, allowUpdate };
        options.AddTo(command);
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var componentRef = ReferenceResolver.Resolve(result.GetValue(reference)!);
            var componentId = Ids.Check(result.GetValue(id)!, "Component");
            var hostId = await options.HostAsync(session, result, cancel, constraints =>
                session.Ctl.AuctionComponentAsync(new ComponentAuctionRequest { ComponentRef = componentRef, ComponentId = componentId, Constraints = constraints }, cancel),
                ack => ack.HostId, $"No suitable hosts found for component {componentRef}");
            await using var events = await session.Ctl.WatchEventsAsync(cancel);
            var reply = await session.Ctl.ScaleComponentAsync(new ScaleComponentCommand
            {
                ComponentRef = componentRef, ComponentId = componentId, HostId = hostId, Count = result.GetValue(maxInstances),
                Config = options.Config(result), AllowUpdate = result.GetValue(allowUpdate),
            }, cancel);
            if (!reply.Success) throw new WashException($"Operation failed: {reply.Message}");
            var fields = new JsonObject { ["component_ref"] = componentRef, ["component_id"] = componentId, ["host_id"] = hostId };
            if (options.SkipWait(result))
            {
                output.Result(With(fields, $"Start component [{componentRef}] request received on host [{hostId}]"), fields);
                return;
            }
            var outcome = await events.WaitForAsync(e => e.Source == hostId && e.Name is EventNames.ComponentScaled or EventNames.ComponentScaleFailed
                && Data(e, "image_ref") == componentRef && Data(e, "component_id") == componentId,
                connection.TimeoutIsDefault(result) ? ComponentWait : TimeSpan.FromMilliseconds(connection.TimeoutMs(result)), cancel);
            if (outcome is null) throw new WashException($"Failed to scale component [{componentId}] on host [{hostId}]: Timed out waiting for applicable event, operation may have failed");
            if (outcome.Name == EventNames.ComponentScaleFailed) throw new WashException($"Failed to scale component [{componentId}] on host [{hostId}]: {Data(outcome, "error")}");
            output.Result(With(fields, $"Component [{componentId}] (ref: [{componentRef}]) started on host [{hostId}]"), fields);
        }));
        return command;
    }

    private static Command Provider()
    {
        var connection = new LatticeConnection();
        var reference = new Argument<string>("provider-ref") { Description = "wasmcloud+builtin://http-server, or a provider reference" };
        var id = new Argument<string>("provider-id") { Description = "the ID to run it under" };
        var options = new StartOptions();
        var command = new Command("provider", "Start a capability provider on a host") { reference, id };
        options.AddTo(command);
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var providerRef = ReferenceResolver.Resolve(result.GetValue(reference)!);
            var providerId = Ids.Check(result.GetValue(id)!, "Provider");
            var hostId = await options.HostAsync(session, result, cancel, constraints =>
                session.Ctl.AuctionProviderAsync(new ProviderAuctionRequest { ProviderRef = providerRef, ProviderId = providerId, Constraints = constraints }, cancel),
                ack => ack.HostId, $"No suitable hosts found for provider {providerRef}");
            await using var events = await session.Ctl.WatchEventsAsync(cancel);
            var reply = await session.Ctl.StartProviderAsync(new StartProviderCommand
            {
                ProviderId = providerId, ProviderRef = providerRef, HostId = hostId, Config = options.Config(result),
            }, cancel);
            if (!reply.Success) throw new WashException($"Start provider ack not accepted: {reply.Message}");
            var fields = new JsonObject { ["provider_ref"] = providerRef, ["provider_id"] = providerId, ["host_id"] = hostId };
            if (options.SkipWait(result))
            {
                output.Result(With(fields, $"Start provider request received: {providerRef}"), fields);
                return;
            }
            var outcome = await events.WaitForAsync(e => e.Source == hostId && Data(e, "provider_id") == providerId
                && ((e.Name == EventNames.ProviderStarted && Data(e, "image_ref") == providerRef) || (e.Name == EventNames.ProviderStartFailed && Data(e, "provider_ref") == providerRef)),
                connection.TimeoutIsDefault(result) ? ProviderWait : TimeSpan.FromMilliseconds(connection.TimeoutMs(result)), cancel);
            if (outcome is null) throw new WashException($"Failed to start provider [{providerId}] on host [{hostId}]: Timed out waiting for applicable event, operation may have failed");
            if (outcome.Name == EventNames.ProviderStartFailed) throw new WashException($"Failed to start provider [{providerId}] on host [{hostId}]: {Data(outcome, "error")}");
            output.Result(With(fields, $"Provider [{providerId}] (ref: [{providerRef}]) started on host [{hostId}]"), fields);
        }));
        return command;
    }

    private static string With(JsonObject fields, string text)
    {
        fields["result"] = text;
        return text;
    }

    internal static string? Data(CloudEvent e, string field) =>
        e.Data.ValueKind == System.Text.Json.JsonValueKind.Object && e.Data.TryGetProperty(field, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The options both starts share: where to start, with what config, and whether to wait.</summary>
internal sealed class StartOptions
{
    private readonly Option<string?> _hostId = new("--host-id") { Description = "the host to start on (ID, ID prefix or friendly name); by auction when left out" };
    private readonly Option<string[]> _constraints = new("--constraint", "-c") { Description = "a label KEY=VALUE the auction's winner must have (repeatable)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string[]> _config = new("--config") { Description = "a named config to give it (repeatable)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> _skipWait = new("--skip-wait") { Description = "return once the host accepts, without waiting for the outcome" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _hostId, _constraints, _config, _skipWait }) command.Options.Add(option);
    }

    public List<string> Config(ParseResult result) => (result.GetValue(_config) ?? []).ToList();

    public bool SkipWait(ParseResult result) => result.GetValue(_skipWait);

    public async Task<string> HostAsync<TAck>(LatticeSession session, ParseResult result, CancellationToken cancel,
        Func<Dictionary<string, string>, Task<List<TAck>>> auction, Func<TAck, string> hostOf, string noHost)
    {
        if (result.GetValue(_hostId) is { } named) return await HostLookup.FindAsync(session.Ctl, named, cancel);
        var acks = await auction(KeyValues.Parse(result.GetValue(_constraints) ?? []));
        return acks.Count > 0 ? hostOf(acks[0]) : throw new WashException(noHost);
    }
}

/// <summary>Component and provider IDs as upstream wash accepts them: letters, digits, <c>-</c> and <c>_</c>.</summary>
internal static class Ids
{
    public static string Check(string id, string what) =>
        id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? id
            : throw new WashException($"{what} ID must contain only alphanumeric characters, dashes and underscores, not `{id}`");
}
