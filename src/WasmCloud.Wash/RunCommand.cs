using System.CommandLine;
using System.Globalization;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasi.Preview2.Sockets;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash run FILE [ARGS]</c> runs a WASI command — a preview1 module (its <c>_start</c>) or a WASI 0.2
/// component (its <c>wasi:cli/run</c>), told apart by the binary's layer — and exits with its code;
/// <c>wash run FILE --invoke NAME [ARGS]</c> calls one exported function of a module and prints its results;
/// for a component, <c>--invoke 'CALL'</c> takes a WAVE call such as <c>greet("world")</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "the WebAssembly module or component to run (.wasm, or .wat text)" };
        var arguments = new Argument<string[]>("args") { Description = "arguments of the program or function", Arity = ArgumentArity.ZeroOrMore };
        var invoke = new Option<string?>("--invoke") { Description = "call this exported function instead of running the program" };
        var directories = new Option<string[]>("--dir") { Description = "preopen a directory: HOST::GUEST (or HOST, seen at the same path)", AllowMultipleArgumentsPerToken = false };
        var environment = new Option<string[]>("--env") { Description = "set an environment variable for the guest: KEY=VALUE" };
        var network = new NetworkOptions();
        var command = new Command("run", "Run a WebAssembly module or command component") { file, arguments, invoke, directories, environment };
        network.AddTo(command);
        command.SetAction(result =>
        {
            var options = new RunOptions(result.GetValue(file)!, result.GetValue(arguments) ?? [], result.GetValue(invoke),
                result.GetValue(directories) ?? [], result.GetValue(environment) ?? [], () => network.Policy(result));
            return Run(options);
        });
        return command;
    }

    private sealed record RunOptions(FileInfo File, string[] Arguments, string? Invoke, string[] Directories, string[] Environment, Func<SocketPolicy> Sockets);

    private static int Run(RunOptions options)
    {
        try
        {
            var engine = new Engine(new EngineConfig { CacheDirectory = CompileCacheLocation.Resolve() });
            using var stdout = Console.OpenStandardOutput();
            using var stderr = Console.OpenStandardError();
            using var stdin = Console.OpenStandardInput();
            var configuration = new WasiConfiguration
            {
                Arguments = [options.File.Name, .. options.Invoke is null ? options.Arguments : []],
                Environment = options.Environment.Select(ParseVariable).ToList(),
                Preopens = options.Directories.Select(ParsePreopen).ToList(),
                StandardInput = stdin,
                StandardOutput = stdout,
                StandardError = stderr,
                Sockets = options.Sockets(),
            };
            if (IsComponent(options.File))
            {
                var component = Component.FromBytes(engine, File.ReadAllBytes(options.File.FullName));
                return options.Invoke is null
                    ? CommandComponent.Run(engine, component, configuration)
                    : ComponentInvocation.Run(engine, component, configuration, options.Invoke);
            }
            var module = Module.FromFile(engine, options.File.FullName);
            var linker = new Linker(engine);
            new WasiPreview1(configuration).AddTo(linker);
            var instance = linker.Instantiate(new Store(engine), module);
            return options.Invoke is null ? RunProgram(instance) : Invoke(instance, options.Invoke, options.Arguments);
        }
        catch (WasiExitException exit)
        {
            return exit.ExitCode;
        }
        catch (Exception e) when (e is WasmException or IOException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static bool IsComponent(FileInfo file)
    {
        Span<byte> header = stackalloc byte[8];
        using var stream = file.OpenRead();
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && CommandComponent.IsComponent(header);
    }

    private static int RunProgram(Instance instance)
    {
        var start = instance.GetFunction("_start") ?? throw new WasmException("the module exports no _start function: use --invoke to call a function");
        start.Call();
        return 0;
    }

    private static int Invoke(Instance instance, string name, string[] arguments)
    {
        var function = instance.GetFunction(name) ?? throw new WasmException($"the module exports no function named '{name}'");
        var parameters = function.Type.Parameters;
        if (arguments.Length != parameters.Length)
            throw new WasmException($"'{name}' takes {parameters.Length} arguments ({function.Type}), {arguments.Length} given");
        var values = parameters.Select((type, i) => Parse(type, arguments[i])).ToArray();
        foreach (var result in function.Call(values)) Console.WriteLine(Format(result));
        return 0;
    }

    private static KeyValuePair<string, string> ParseVariable(string text)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0) throw new FormatException($"--env expects KEY=VALUE, got '{text}'");
        return new(text[..equals], text[(equals + 1)..]);
    }

    private static Preopen ParsePreopen(string text)
    {
        var separator = text.IndexOf("::", StringComparison.Ordinal);
        var (host, guest) = separator < 0 ? (text, text) : (text[..separator], text[(separator + 2)..]);
        if (!Directory.Exists(host)) throw new IOException($"--dir: no such directory '{host}'");
        return new Preopen(host, guest);
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
