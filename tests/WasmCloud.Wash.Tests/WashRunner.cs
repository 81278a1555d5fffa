using System.CommandLine;

// wash writes to the process's console, so its tests take turns.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace WasmCloud.Wash.Tests;

/// <summary>Runs a wash command in this process and captures what it prints.</summary>
internal static class WashRunner
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) =>
        Run(new RootCommand { RunCommand.Create() }, args);

    public static (int ExitCode, string Stdout, string Stderr) Run(RootCommand root, params string[] args)
    {
        var (previousOut, previousError) = (Console.Out, Console.Error);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exitCode = root.Parse(args).Invoke();
            return (exitCode, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
