using System.CommandLine;
using System.Text.Json.Nodes;

namespace WasmCloud.Wash;

/// <summary><c>wash label HOST KEY=VALUE[,KEY=VALUE…] [--delete]</c>: sets or removes a host's labels.</summary>
internal static class LabelCommand
{
    public static Command Create()
    {
        var connection = new LatticeConnection();
        var host = new Argument<string>("host-id") { Description = "the host (ID, ID prefix or friendly name)" };
        var labels = new Argument<string[]>("labels") { Description = "KEY=VALUE pairs (comma-separated or repeated); with --delete, keys", Arity = ArgumentArity.OneOrMore };
        var delete = new Option<bool>("--delete") { Description = "remove the labels instead" };
        var command = new Command("label", "Set or remove labels of a host") { host, labels, delete };
        command.Aliases.Add("tag");
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var hostId = await HostLookup.FindAsync(session.Ctl, result.GetValue(host)!, cancel);
            var items = (result.GetValue(labels) ?? []).SelectMany(l => l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            var deleting = result.GetValue(delete);
            var pairs = deleting ? items.ToDictionary(key => key, _ => "") : KeyValues.Parse(items);
            var processed = new JsonArray();
            foreach (var (key, value) in pairs)
            {
                var reply = deleting ? await session.Ctl.DeleteLabelAsync(hostId, key, cancel) : await session.Ctl.PutLabelAsync(hostId, key, value, cancel);
                if (!reply.Success) throw new WashException($"label {key}: {reply.Message}");
                processed.Add(new JsonArray(key, value));
            }
            var listed = string.Join(',', pairs.Select(p => deleting ? p.Key : $"{p.Key}={p.Value}"));
            var text = $"Host `{hostId}` {(deleting ? "unlabeled" : "labeled")} with `{listed}`";
            output.Result(text, new JsonObject { ["deleted"] = deleting, ["processed"] = processed });
        }));
        return command;
    }
}
