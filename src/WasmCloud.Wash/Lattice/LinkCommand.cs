using System.CommandLine;
using System.Text.Json.Nodes;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Wash;

/// <summary><c>wash link put|del|query</c>: the links that route a source's calls of an interface to a target.</summary>
internal static class LinkCommand
{
    public static Command Create()
    {
        var command = new Command("link", "Put, delete or list links");
        command.Subcommands.Add(Put());
        command.Subcommands.Add(Delete());
        var query = Query("query");
        query.Aliases.Add("get");
        command.Subcommands.Add(query);
        return command;
    }

    private static Command Put()
    {
        var connection = new LatticeConnection();
        var source = new Argument<string>("source-id") { Description = "the component or provider whose calls the link routes" };
        var target = new Argument<string>("target") { Description = "the component or provider that answers them" };
        var ns = new Argument<string>("wit-namespace") { Description = "the WIT namespace (e.g. wasi)" };
        var package = new Argument<string>("wit-package") { Description = "the WIT package (e.g. http)" };
        var interfaces = new Option<string[]>("--interface") { Description = "an interface of the package (repeatable)", Required = true, Arity = ArgumentArity.OneOrMore };
        interfaces.Aliases.Add("--interfaces");
        var linkName = new Option<string>("--link-name", "-l") { Description = "the link's name", DefaultValueFactory = _ => "default" };
        var sourceConfig = new Option<string[]>("--source-config") { Description = "named config for the source (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var targetConfig = new Option<string[]>("--target-config") { Description = "named config for the target (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("put", "Link a source to a target for the interfaces of a WIT package") { source, target, ns, package, interfaces, linkName, sourceConfig, targetConfig };
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var link = new Link
            {
                SourceId = result.GetValue(source)!, Target = result.GetValue(target)!, Name = result.GetValue(linkName)!,
                WitNamespace = result.GetValue(ns)!, WitPackage = result.GetValue(package)!, Interfaces = (result.GetValue(interfaces) ?? []).ToList(),
                SourceConfig = (result.GetValue(sourceConfig) ?? []).ToList(), TargetConfig = (result.GetValue(targetConfig) ?? []).ToList(),
            };
            var reply = await session.Ctl.PutLinkAsync(link, cancel);
            if (!reply.Success) throw new WashException($"Error putting link: {reply.Message}");
            output.Result($"Published link ({link.SourceId}) -> ({link.Target}) successfully", new JsonObject { ["source_id"] = link.SourceId, ["target"] = link.Target });
        }));
        return command;
    }

    private static Command Delete()
    {
        var connection = new LatticeConnection();
        var source = new Argument<string>("source-id") { Description = "the link's source" };
        var ns = new Argument<string>("wit-namespace") { Description = "the WIT namespace" };
        var package = new Argument<string>("wit-package") { Description = "the WIT package" };
        var linkName = new Option<string?>("--link-name", "-l") { Description = "the link's name (needed when the source has several such links)" };
        var command = new Command("del", "Delete a link") { source, ns, package, linkName };
        command.Aliases.Add("delete");
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var (sourceId, witNamespace, witPackage) = (result.GetValue(source)!, result.GetValue(ns)!, result.GetValue(package)!);
            var name = result.GetValue(linkName);
            if (name is null)
            {
                var similar = ((await session.Ctl.GetLinksAsync(cancel)).Response ?? [])
                    .Where(l => l.SourceId == sourceId && l.WitNamespace == witNamespace && l.WitPackage == witPackage).ToList();
                if (similar.Count > 1) throw new WashException("More than one similar link found, please specify link name explicitly");
                name = similar.FirstOrDefault()?.Name ?? "default";
            }
            var reply = await session.Ctl.DeleteLinkAsync(new DeleteLinkRequest { SourceId = sourceId, Name = name, WitNamespace = witNamespace, WitPackage = witPackage }, cancel);
            if (!reply.Success) throw new WashException($"Error deleting link: {reply.Message}");
            output.Result($"Deleted link for {sourceId} on {witNamespace}:{witPackage} ({name}) successfully",
                new JsonObject { ["source_id"] = sourceId, ["wit_namespace"] = witNamespace, ["wit_package"] = witPackage, ["link_name"] = name });
        }));
        return command;
    }

    /// <summary>The list of links; it is both <c>wash link query</c> and <c>wash get links</c>.</summary>
    public static Command Query(string name)
    {
        var connection = new LatticeConnection();
        var command = new Command(name, "List every link of the lattice");
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, _, cancel) =>
        {
            var reply = await session.Ctl.GetLinksAsync(cancel);
            if (!reply.Success) throw new WashException(reply.Message);
            var links = (reply.Response ?? []).OrderBy(l => l.SourceId, StringComparer.Ordinal).ToList();
            if (output.Json)
            {
                output.Result("", new JsonObject { ["links"] = CommandOutput.Node(links) });
                return;
            }
            if (links.Count == 0)
            {
                Console.WriteLine("No links found");
                return;
            }
            var table = Tables.Plain("Source ID", "Target", "Interface(s)", "Name");
            foreach (var link in links) table.AddTextRow(link.SourceId, link.Target, $"{link.WitNamespace}:{link.WitPackage}/{string.Join(',', link.Interfaces)}", link.Name);
            output.Table(table);
        }));
        return command;
    }
}
