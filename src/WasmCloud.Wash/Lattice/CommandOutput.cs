using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using NATS.Client.Core;
using Spectre.Console;
using WasmCloud.Lattice;

namespace WasmCloud.Wash;

/// <summary>
/// How lattice commands print: text (tables for lists) by default, or with <c>-o json</c> one JSON object with
/// <c>"success": true</c> for scripts, as upstream wash does. A failure is one line on stderr (in JSON mode,
/// <c>{"success": false, "error": …}</c>) and exit code 1.
/// </summary>
internal sealed class CommandOutput(bool json)
{
    public static readonly Option<string> Format = new("--output", "-o")
    {
        Description = "text or json",
        DefaultValueFactory = _ => "text",
        Recursive = true,
    };

    static CommandOutput() => Format.AcceptOnlyFromAmong("text", "json");

    public bool Json { get; } = json;

    /// <summary>Prints the result: the text in text mode, the fields (plus <c>success</c>) in JSON mode.</summary>
    public void Result(string text, JsonObject fields)
    {
        if (Json)
        {
            fields["success"] = true;
            Console.Out.WriteLine(fields.ToJsonString(Indented));
        }
        else
        {
            Console.Out.WriteLine(text);
        }
    }

    /// <summary>Prints a JSON value as it is (no <c>success</c> key), for commands whose JSON is their data.</summary>
    public void Raw(JsonNode value) => Console.Out.WriteLine(value.ToJsonString(Indented));

    public void Table(Table table)
    {
        // Piped output has no terminal width to fit; long IDs stay on one line.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;
        AnsiConsole.Write(table);
    }

    public static JsonNode Node<T>(T value) => JsonNode.Parse(LatticeJson.Encode(value))!;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs a lattice command: connects, runs it, and turns every expected failure into one line and exit 1.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Action(LatticeConnection connection, Func<LatticeSession, CommandOutput, ParseResult, CancellationToken, Task> run) =>
        async (result, cancel) =>
        {
            var output = new CommandOutput(result.GetValue(Format) == "json");
            try
            {
                await using var session = await connection.OpenAsync(result, cancel);
                await run(session, output, result, cancel);
                return 0;
            }
            catch (Exception e) when (e is LatticeException or WashException or NatsException or FormatException or IOException)
            {
                output.Fail(e.Message);
                return 1;
            }
        };

    public void Fail(string message)
    {
        if (Json) Console.Error.WriteLine(new JsonObject { ["success"] = false, ["error"] = message }.ToJsonString());
        else Console.Error.WriteLine($"error: {message}");
    }
}

/// <summary>A command that cannot do what was asked (no such host, a refusal from the lattice); its message is the one line the user sees.</summary>
internal sealed class WashException(string message) : Exception(message);
