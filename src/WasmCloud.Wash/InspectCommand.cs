using System.CommandLine;
using WasmCloud.Components;
using WasmCloud.Components.Wit;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;

namespace WasmCloud.Wash;

/// <summary><c>wash inspect FILE</c>: prints a component's world as WIT, or a core module's imports and exports.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "the component or module to inspect" };
        var command = new Command("inspect", "Print a component's world (imports and exports) as WIT") { file };
        command.SetAction(result => Inspect(result.GetValue(file)!));
        return command;
    }

    private static int Inspect(FileInfo file)
    {
        try
        {
            var bytes = File.ReadAllBytes(file.FullName);
            var engine = new Engine();
            if (CommandComponent.IsComponent(bytes)) Console.Write(WitPrinter.PrintWorld(Component.FromBytes(engine, bytes).Type));
            else PrintModule(Module.FromBytes(engine, bytes));
            return 0;
        }
        catch (Exception e) when (e is WasmException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static void PrintModule(Module module)
    {
        Console.WriteLine("core module");
        foreach (var import in module.Imports) Console.WriteLine($"  import {import.Module}.{import.Name}: {import.Kind.ToString().ToLowerInvariant()}");
        foreach (var export in module.Exports) Console.WriteLine($"  export {export.Name}: {export.Kind.ToString().ToLowerInvariant()}");
    }
}
