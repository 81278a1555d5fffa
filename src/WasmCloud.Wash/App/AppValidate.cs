using System.CommandLine;
using System.Text.Json.Nodes;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wash;

/// <summary><c>wash app validate FILE</c>: every problem of a manifest with its path; exit 1 when one is an error.</summary>
internal static class AppValidate
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("manifest") { Description = "the manifest (YAML or JSON)" };
        var command = new Command("validate", "Check a manifest and list every problem in it") { file };
        command.SetAction(result =>
        {
            var output = new CommandOutput(result.GetValue(CommandOutput.Format) == "json");
            var path = result.GetValue(file)!;
            string text;
            try
            {
                text = File.ReadAllText(path.FullName);
            }
            catch (IOException e)
            {
                output.Fail($"cannot read {path}: {e.Message}");
                return 1;
            }
            var problems = ManifestValidator.Validate(text);
            var errors = problems.Count(p => p.IsError);
            if (output.Json)
            {
                var list = new JsonArray(problems.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path, ["message"] = p.Message, ["level"] = p.IsError ? "error" : "warning" }).ToArray());
                var json = new JsonObject { ["valid"] = errors == 0, ["problems"] = list };
                if (errors == 0) output.Result("", json);
                else output.Raw(json);
                return errors == 0 ? 0 : 1;
            }
            foreach (var problem in problems) (problem.IsError ? Console.Error : Console.Out).WriteLine(problem);
            Console.Out.WriteLine(errors == 0 ? $"{path.Name} is valid{(problems.Count > 0 ? $" ({problems.Count} warning{(problems.Count == 1 ? "" : "s")})" : "")}" : $"{path.Name}: {errors} error{(errors == 1 ? "" : "s")}");
            return errors == 0 ? 0 : 1;
        });
        return command;
    }
}
