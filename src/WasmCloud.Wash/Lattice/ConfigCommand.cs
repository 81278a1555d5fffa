using System.CommandLine;
using System.Text.Json.Nodes;

namespace WasmCloud.Wash;

/// <summary><c>wash config put|get|del</c>: named config, a map of strings that components and links refer to by name.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Put, get or delete named config");
        command.Subcommands.Add(Put());
        command.Subcommands.Add(Get("get"));
        command.Subcommands.Add(Delete());
        return command;
    }

    private static Command Put()
    {
        var connection = new LatticeConnection();
        var name = new Argument<string>("name") { Description = "the config's name" };
        var values = new Argument<string[]>("values") { Description = "KEY=VALUE pairs", Arity = ArgumentArity.OneOrMore };
        var command = new Command("put", "Create or replace a named config") { name, values };
        command.Aliases.Add("create");
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var configName = result.GetValue(name)!;
            if (configName.StartsWith("SECRET", StringComparison.Ordinal))
                throw new WashException("Configuration names cannot start with 'SECRET'. Did you mean to use the 'secrets' command?");
            var map = KeyValues.Parse(result.GetValue(values) ?? []);
            var reply = await session.Ctl.PutConfigAsync(configName, map, cancel);
            if (!reply.Success) throw new WashException($"failed to put configuration '{configName}': {reply.Message}");
            var text = $"Configuration '{configName}' put successfully.";
            output.Result(text, new JsonObject { ["message"] = text });
        }));
        return command;
    }

    /// <summary>One config's values; it is both <c>wash config get</c> and <c>wash get config</c>.</summary>
    public static Command Get(string commandName)
    {
        var connection = new LatticeConnection();
        var name = new Argument<string>("name") { Description = "the config's name" };
        var command = new Command(commandName, "Show a named config") { name };
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var configName = result.GetValue(name)!;
            var reply = await session.Ctl.GetConfigAsync(configName, cancel);
            if (!reply.Success) throw new WashException(reply.Message);
            if (reply.Response is not { } values) throw new WashException($"No configuration found for name: {configName}");
            if (output.Json)
            {
                // As upstream: the map itself, without a success key.
                output.Raw(CommandOutput.Node(values));
                return;
            }
            var table = Tables.Plain("Key", "Value");
            foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal)) table.AddTextRow(key, value);
            output.Table(table);
        }));
        return command;
    }

    private static Command Delete()
    {
        var connection = new LatticeConnection();
        var name = new Argument<string>("name") { Description = "the config's name" };
        var command = new Command("del", "Delete a named config") { name };
        command.Aliases.Add("delete");
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var configName = result.GetValue(name)!;
            var reply = await session.Ctl.DeleteConfigAsync(configName, cancel);
            if (!reply.Success) throw new WashException($"failed to delete configuration '{configName}': {reply.Message}");
            var text = $"Configuration '{configName}' deleted successfully.";
            output.Result(text, new JsonObject { ["message"] = text });
        }));
        return command;
    }
}
