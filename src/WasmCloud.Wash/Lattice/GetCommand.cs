using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Wash;

/// <summary><c>wash get hosts|inventory [HOST]|links|config NAME|claims</c>: what the lattice holds, as tables or JSON.</summary>
internal static class GetCommand
{
    public static Command Create()
    {
        var command = new Command("get", "Show the lattice's hosts, inventories, links, config or claims");
        command.Subcommands.Add(Hosts());
        command.Subcommands.Add(Inventory());
        command.Subcommands.Add(LinkCommand.Query("links"));
        command.Subcommands.Add(ConfigCommand.Get("config"));
        command.Subcommands.Add(Claims());
        return command;
    }

    private static Command Hosts()
    {
        var connection = new LatticeConnection();
        var command = new Command("hosts", "List the hosts of the lattice");
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, _, cancel) =>
        {
            var hosts = (await session.Ctl.PingHostsAsync(cancel)).OrderByDescending(h => h.UptimeSeconds).ToList();
            if (output.Json)
            {
                output.Result("", new JsonObject { ["hosts"] = CommandOutput.Node(hosts) });
                return;
            }
            if (hosts.Count == 0)
            {
                Console.WriteLine($"No hosts in lattice {session.Ctl.Subjects.Lattice}");
                return;
            }
            var table = Tables.Plain("Host ID", "Friendly name", "Uptime (seconds)");
            foreach (var host in hosts) table.AddTextRow(host.Id, host.FriendlyName, host.UptimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            output.Table(table);
        }));
        return command;
    }

    private static Command Inventory()
    {
        var connection = new LatticeConnection();
        var hostId = new Argument<string?>("host-id") { Description = "the host (ID, ID prefix or friendly name); all hosts when left out", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("inventory", "Show what runs on one host, or on every host") { hostId };
        command.Aliases.Add("inventories");
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, result, cancel) =>
        {
            var ids = result.GetValue(hostId) is { } wanted
                ? [await HostLookup.FindAsync(session.Ctl, wanted, cancel)]
                : (await session.Ctl.PingHostsAsync(cancel)).Select(h => h.Id).ToList();
            if (ids.Count == 0) throw new WashException("No hosts are available for inventory query.");
            var inventories = new List<HostInventory>();
            foreach (var id in ids)
            {
                var reply = await session.Ctl.GetHostInventoryAsync(id, cancel);
                if (!reply.Success || reply.Response is null) throw new WashException($"host {id} did not give its inventory: {reply.Message}");
                inventories.Add(reply.Response);
            }
            if (output.Json)
            {
                output.Result("", new JsonObject { ["inventories"] = CommandOutput.Node(inventories) });
                return;
            }
            foreach (var inventory in inventories) output.Table(InventoryTable(inventory));
        }));
        return command;
    }

    private static Table InventoryTable(HostInventory inventory)
    {
        var table = Tables.Plain("", "");
        table.Title = new TableTitle($"{inventory.FriendlyName} ({inventory.HostId})");
        table.AddRow(new Markup("[bold]Host labels[/]"), new Text(""));
        foreach (var (key, value) in inventory.Labels) table.AddTextRow(key, value);
        table.AddEmptyRow();
        if (inventory.Components.Count == 0) table.AddTextRow("No components found", "");
        else
        {
            table.AddRow(new Markup("[bold]Component ID[/]"), new Markup("[bold]Max instances · Image[/]"));
            foreach (var component in inventory.Components) table.AddTextRow(component.Id, $"{component.MaxInstances} · {component.ImageRef}");
        }
        table.AddEmptyRow();
        if (inventory.Providers.Count == 0) table.AddTextRow("No providers found", "");
        else
        {
            table.AddRow(new Markup("[bold]Provider ID[/]"), new Markup("[bold]Name · Image[/]"));
            foreach (var provider in inventory.Providers) table.AddTextRow(provider.Id, $"{provider.Name ?? "N/A"} · {provider.ImageRef}");
        }
        return table;
    }

    private static Command Claims()
    {
        var connection = new LatticeConnection();
        var command = new Command("claims", "List the signed claims the lattice's hosts hold");
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, async (session, output, _, cancel) =>
        {
            var reply = await session.Ctl.GetClaimsAsync(cancel);
            if (!reply.Success) throw new WashException(reply.Message);
            var claims = reply.Response ?? [];
            if (output.Json)
            {
                output.Result("", new JsonObject { ["claims"] = CommandOutput.Node(claims) });
                return;
            }
            if (claims.Count == 0)
            {
                Console.WriteLine("No claims found");
                return;
            }
            var table = Tables.Plain("Subject", "Issuer", "Name", "Version");
            foreach (var claim in claims)
                table.AddTextRow(claim.GetValueOrDefault("subject") ?? "", claim.GetValueOrDefault("issuer") ?? "", claim.GetValueOrDefault("name") ?? "", claim.GetValueOrDefault("version") ?? "");
            output.Table(table);
        }));
        return command;
    }
}
