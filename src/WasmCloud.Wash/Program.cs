using System.CommandLine;
using WasmCloud.Wash;

var root = new RootCommand("wash: the wasmCloud shell (.NET implementation)");
root.Subcommands.Add(RunCommand.Create());
return root.Parse(args).Invoke();
