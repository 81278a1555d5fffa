using System.CommandLine;
using WasmCloud.Wash;

var root = new RootCommand("wash: the wasmCloud shell (.NET implementation)");
root.Options.Add(CommandOutput.Format);
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(GetCommand.Create());
root.Subcommands.Add(StartCommand.Create());
root.Subcommands.Add(ScaleCommand.Create());
root.Subcommands.Add(ScaleCommand.Update());
root.Subcommands.Add(StopCommand.Create());
root.Subcommands.Add(LinkCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(LabelCommand.Create());
root.Subcommands.Add(UpCommand.Create());
root.Subcommands.Add(DownCommand.Create());
return await CommandLineErrors.InvokeAsync(root, args);
