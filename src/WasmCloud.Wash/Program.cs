using System.CommandLine;
using WasmCloud.Wash;

var root = new RootCommand("wash: the wasmCloud shell (.NET implementation)");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(InspectCommand.Create());
return root.Parse(args).Invoke();
