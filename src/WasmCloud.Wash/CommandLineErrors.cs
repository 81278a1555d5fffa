using System.CommandLine;

namespace WasmCloud.Wash;

/// <summary>
/// Runs the command line, except that a mistake in it (an unknown command, a bad option, a missing argument) is
/// one line on stderr and exit code 1, rather than the error followed by a page of help.
/// </summary>
internal static class CommandLineErrors
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var result = root.Parse(args);
        // --help hides the errors of the rest of the line; an unknown command before it is still a mistake.
        var message = result.Errors.Count > 0 ? result.Errors[0].Message
            : result.UnmatchedTokens.Count > 0 ? $"unrecognized command or argument '{result.UnmatchedTokens[0]}'"
            : null;
        if (message is null) return await result.InvokeAsync();
        var command = string.Join(' ', Path(result.CommandResult));
        Console.Error.WriteLine($"error: {message} (see `{command} --help`)");
        return 1;
    }

    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult command)
    {
        var names = new Stack<string>();
        for (var current = command; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
            names.Push(current.Command is RootCommand ? "wash" : current.Command.Name);
        return names;
    }
}
