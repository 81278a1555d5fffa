using System.CommandLine;
using System.Text.Json.Nodes;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash app …</c>: OAM applications through wadm's NATS API — <c>list</c>, <c>get</c>, <c>status</c>,
/// <c>history</c>, <c>put</c>, <c>deploy</c>, <c>undeploy</c>, <c>delete</c> — and <c>validate</c>, which works
/// offline and exits 1 when a manifest has an error (upstream's exits 0 either way).
/// </summary>
internal static class AppCommand
{
    public static Command Create()
    {
        var command = new Command("app", "Deploy and manage OAM applications (wadm)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Get());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(History());
        command.Subcommands.Add(Put());
        command.Subcommands.Add(Deploy());
        command.Subcommands.Add(Undeploy());
        command.Subcommands.Add(Delete());
        command.Subcommands.Add(AppValidate.Create());
        return command;
    }

    private static Command WithConnection(Command command, Func<WadmClient, CommandOutput, ParseResult, CancellationToken, Task> run)
    {
        var connection = new LatticeConnection();
        connection.AddTo(command);
        command.SetAction(CommandOutput.Action(connection, (session, output, result, cancel) =>
        {
            var wadm = new WadmClient(session.Nats, new WadmSubjects(session.Ctl.Subjects.Lattice))
            {
                Timeout = connection.TimeoutIsDefault(result) ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(connection.TimeoutMs(result)),
            };
            return run(wadm, output, result, cancel);
        }));
        return command;
    }

    private static Command List() => WithConnection(new Command("list", "List the applications wadm stores"), async (wadm, output, _, cancel) =>
    {
        var reply = await wadm.ListAsync(cancel);
        Check(reply.Result, reply.Message, "success");
        if (output.Json)
        {
            output.Result("", new JsonObject { ["applications"] = CommandOutput.Node(reply.Models) });
            return;
        }
        if (reply.Models.Count == 0)
        {
            Console.Out.WriteLine("No applications found (put one with `wash app put FILE` or `wash app deploy FILE`)");
            return;
        }
        var table = Tables.Plain("NAME", "LATEST VERSION", "DEPLOYED VERSION", "STATUS", "DESCRIPTION");
        foreach (var model in reply.Models)
            table.AddTextRow(model.Name, model.Version, model.DeployedVersion ?? "N/A", Title(model.DetailedStatus.Info.Type), (model.Description ?? "N/A").Trim());
        output.Table(table);
    });

    private static Command Get()
    {
        var name = new Argument<string>("name") { Description = "the application" };
        var version = new Argument<string?>("version") { Description = "a version (the latest when left out)", Arity = ArgumentArity.ZeroOrOne };
        return WithConnection(new Command("get", "Print an application's manifest") { name, version }, async (wadm, output, result, cancel) =>
        {
            var reply = await wadm.GetAsync(result.GetValue(name)!, result.GetValue(version), cancel);
            Check(reply.Result, reply.Message, "success");
            if (output.Json) output.Raw(reply.Manifest!);
            else Console.Out.Write(YamlText.From(reply.Manifest!));
        });
    }

    private static Command Status()
    {
        var name = new Argument<string>("name") { Description = "the application" };
        return WithConnection(new Command("status", "Show an application's status and each of its scalers'") { name }, async (wadm, output, result, cancel) =>
        {
            var app = result.GetValue(name)!;
            var reply = await wadm.StatusAsync(app, cancel);
            Check(reply.Result, reply.Message, "ok");
            var status = reply.Status ?? new AppStatus();
            if (output.Json)
            {
                output.Result("", new JsonObject { ["status"] = CommandOutput.Node(status) });
                return;
            }
            Console.Out.WriteLine($"{app}: {Title(status.Info.Type)}{(status.Info.Message is { Length: > 0 } m ? $" ({m})" : "")}");
            if (status.Scalers is not { Count: > 0 } scalers) return;
            var table = Tables.Plain("KIND", "NAME", "STATUS", "MESSAGE");
            foreach (var scaler in scalers) table.AddTextRow(scaler.Kind, scaler.Name, Title(scaler.Status.Type), scaler.Status.Message ?? "");
            output.Table(table);
        });
    }

    private static Command History()
    {
        var name = new Argument<string>("name") { Description = "the application" };
        return WithConnection(new Command("history", "List an application's versions, oldest first") { name }, async (wadm, output, result, cancel) =>
        {
            var reply = await wadm.VersionsAsync(result.GetValue(name)!, cancel);
            Check(reply.Result, reply.Message, "success");
            if (output.Json)
            {
                output.Result("", new JsonObject { ["versions"] = CommandOutput.Node(reply.Versions) });
                return;
            }
            var table = Tables.Plain("VERSION", "DEPLOYED");
            foreach (var version in reply.Versions) table.AddTextRow(version.Version, version.Deployed ? "yes" : "no");
            output.Table(table);
        });
    }

    private static Command Put()
    {
        var source = new Argument<string>("source") { Description = "the manifest: a file, an http(s) URL, or - for stdin" };
        return WithConnection(new Command("put", "Store a manifest (a new version) without deploying it") { source }, async (wadm, output, result, cancel) =>
        {
            var reply = await PutAsync(wadm, result.GetValue(source)!, cancel);
            output.Result(reply.Message.TrimEnd(), new JsonObject { ["name"] = reply.Name, ["version"] = reply.CurrentVersion, ["total_versions"] = reply.TotalVersions });
        });
    }

    private static Command Deploy()
    {
        var source = new Argument<string>("source") { Description = "a manifest file, an http(s) URL, - for stdin, or the name of a stored application" };
        var version = new Argument<string?>("version") { Description = "for a stored application, the version to deploy (the latest when left out)", Arity = ArgumentArity.ZeroOrOne };
        var replace = new Option<bool>("--replace") { Description = "replace a stored version of the same number instead of failing" };
        return WithConnection(new Command("deploy", "Deploy an application: put its manifest first when given one") { source, version, replace }, async (wadm, output, result, cancel) =>
        {
            var given = result.GetValue(source)!;
            string name;
            string? deployVersion = result.GetValue(version);
            if (ManifestSource.IsManifest(given))
            {
                var put = await PutAsync(wadm, given, cancel, result.GetValue(replace));
                name = put.Name;
                deployVersion = put.CurrentVersion;
            }
            else name = given;
            var reply = await wadm.DeployAsync(name, deployVersion, cancel);
            Check(reply.Result, reply.Message, "acknowledged");
            output.Result($"{reply.Message}\nwatch it with `wash app status {name}`", new JsonObject { ["name"] = name, ["version"] = reply.Version, ["deployed"] = true });
        });
    }

    private static Command Undeploy()
    {
        var name = new Argument<string>("name") { Description = "the application" };
        return WithConnection(new Command("undeploy", "Stop everything an application runs (its manifest stays stored)") { name }, async (wadm, output, result, cancel) =>
        {
            var reply = await wadm.UndeployAsync(result.GetValue(name)!, cancel);
            Check(reply.Result, reply.Message, "acknowledged");
            output.Result(reply.Message, new JsonObject { ["name"] = reply.Name, ["deployed"] = false });
        });
    }

    private static Command Delete()
    {
        var name = new Argument<string>("name") { Description = "the application" };
        var version = new Argument<string?>("version") { Description = "one version to delete (every version when left out)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("delete", "Delete an application's stored versions (undeploying it when its deployed version goes)") { name, version };
        command.Aliases.Add("del");
        return WithConnection(command, async (wadm, output, result, cancel) =>
        {
            var reply = await wadm.DeleteAsync(result.GetValue(name)!, result.GetValue(version), cancel);
            Check(reply.Result, reply.Message, "deleted", "noop");
            output.Result(reply.Message, new JsonObject { ["deleted"] = reply.Result == "deleted", ["undeployed"] = reply.Undeploy });
        });
    }

    private static async Task<PutModelResponse> PutAsync(WadmClient wadm, string source, CancellationToken cancel, bool replace = false)
    {
        var (body, contentType) = await ManifestSource.ReadAsync(source, cancel);
        var reply = await wadm.PutAsync(body, contentType, cancel);
        if (replace && reply.Result == "error" && reply.Message.EndsWith("already exists", StringComparison.Ordinal)
            && ManifestSource.NameAndVersion(body, contentType) is ({ } name, { } version))
        {
            var deleted = await wadm.DeleteAsync(name, version, cancel);
            Check(deleted.Result, deleted.Message, "deleted");
            reply = await wadm.PutAsync(body, contentType, cancel);
        }
        Check(reply.Result, reply.Message, "created", "newversion");
        return reply;
    }

    private static void Check(string result, string message, params string[] ok)
    {
        if (!ok.Contains(result)) throw new WashException(message.Length > 0 ? message : $"wadm answered `{result}`");
    }

    /// <summary>Status types as upstream wash shows them: <c>Deployed</c>, <c>Reconciling</c>.</summary>
    public static string Title(string type) => type.Length == 0 ? type : char.ToUpperInvariant(type[0]) + type[1..];
}
