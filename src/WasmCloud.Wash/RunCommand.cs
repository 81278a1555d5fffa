using System.CommandLine;
using System.Globalization;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wash;

/// <summary><c>wash run FILE --invoke NAME [ARGS]</c>: calls an exported function of a core module and prints its results.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "the WebAssembly module to run" };
        var invoke = new Option<string>("--invoke") { Description = "the exported function to call" , Required = true };
        var arguments = new Argument<string[]>("args") { Description = "arguments of the function", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run a WebAssembly module's exported function") { file, invoke, arguments };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(invoke)!, result.GetValue(arguments) ?? []));
        return command;
    }

    private static int Run(FileInfo file, string functionName, string[] arguments)
    {
        try
        {
            var engine = new Engine();
            var module = Module.FromFile(engine, file.FullName);
            var instance = new Linker(engine).Instantiate(new Store(engine), module);
            var function = instance.GetFunction(functionName) ?? throw new WasmException($"the module exports no function named '{functionName}'");
            var parameters = function.Type.Parameters;
            if (arguments.Length != parameters.Length)
                throw new WasmException($"'{functionName}' takes {parameters.Length} arguments ({function.Type}), {arguments.Length} given");
            var values = parameters.Select((type, i) => Parse(type, arguments[i])).ToArray();
            foreach (var result in function.Call(values)) Console.WriteLine(Format(result));
            return 0;
        }
        catch (Exception e) when (e is WasmException or IOException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static Value Parse(ValueType type, string text) => type switch
    {
        ValueType.I32 => Value.I32(int.Parse(text, CultureInfo.InvariantCulture)),
        ValueType.I64 => Value.I64(long.Parse(text, CultureInfo.InvariantCulture)),
        ValueType.F32 => Value.F32(float.Parse(text, CultureInfo.InvariantCulture)),
        ValueType.F64 => Value.F64(double.Parse(text, CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"arguments of type {type.Name()} cannot be given on the command line"),
    };

    private static string Format(Value value) => value.Type switch
    {
        ValueType.I32 => value.AsI32().ToString(CultureInfo.InvariantCulture),
        ValueType.I64 => value.AsI64().ToString(CultureInfo.InvariantCulture),
        ValueType.F32 => value.AsF32().ToString(CultureInfo.InvariantCulture),
        ValueType.F64 => value.AsF64().ToString(CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
