using System.Text.Json;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Text;

namespace WasmCloud.SpecTests;

/// <summary>The outcome of one command of a script.</summary>
internal sealed record CommandResult(int Line, string Type, bool? Passed, string Detail);

/// <summary>Runs the commands of one wast2json script against the engine.</summary>
internal sealed class ScriptRunner
{
    private readonly string _directory;
    private readonly Engine _engine;
    private readonly Store _store;
    private readonly Linker _linker;
    private readonly Dictionary<string, Instance> _named = [];
    private Instance? _current;

    public ScriptRunner(string directory, Engine engine)
    {
        _directory = directory;
        _engine = engine;
        _store = new Store(engine) { CallTimeout = TimeSpan.FromSeconds(30) };
        _linker = new Linker(engine) { AllowShadowing = true };
        SpectestHost.Define(_linker, _store);
    }

    public IEnumerable<CommandResult> Run(JsonElement commands, bool skipAll, string skipReason)
    {
        foreach (var command in commands.EnumerateArray())
        {
            var type = command.GetProperty("type").GetString()!;
            var line = command.GetProperty("line").GetInt32();
            if (skipAll)
            {
                yield return new CommandResult(line, type, null, skipReason);
                continue;
            }
            CommandResult result;
            try
            {
                var failure = Execute(type, command);
                result = new CommandResult(line, type, failure is null, failure ?? "");
            }
            catch (Exception e)
            {
                result = new CommandResult(line, type, false, $"{e.GetType().Name}: {e.Message}");
            }
            yield return result;
        }
    }

    /// <summary>Runs a command; returns null on success, otherwise why it failed.</summary>
    private string? Execute(string type, JsonElement command)
    {
        switch (type)
        {
            case "module":
            {
                _current = null;
                var module = Load(command);
                _current = _linker.Instantiate(_store, module);
                if (command.TryGetProperty("name", out var name)) _named[name.GetString()!] = _current;
                return null;
            }
            case "register":
            {
                var instance = command.TryGetProperty("name", out var name) ? _named[name.GetString()!] : _current!;
                _linker.DefineInstance(command.GetProperty("as").GetString()!, instance);
                return null;
            }
            case "action":
                Perform(command.GetProperty("action"));
                return null;
            case "assert_return": return AssertReturn(command);
            case "assert_trap":
            case "assert_exhaustion":
                return ExpectTrap(() => Perform(command.GetProperty("action")), type == "assert_exhaustion");
            case "assert_invalid":
            case "assert_malformed":
                try
                {
                    Load(command);
                    return "module was accepted";
                }
                catch (WasmException)
                {
                    return null;
                }
            case "assert_unlinkable":
            {
                var module = Load(command);
                try
                {
                    _linker.Instantiate(_store, module);
                    return "module was linked";
                }
                catch (WasmTrap trap)
                {
                    return $"trapped instead of failing to link: {trap.Message}";
                }
                catch (WasmException)
                {
                    return null;
                }
            }
            case "assert_uninstantiable":
            {
                var module = Load(command);
                return ExpectTrap(() => _linker.Instantiate(_store, module), exhaustion: false);
            }
            default: return $"unknown command {type}";
        }
    }

    /// <summary>
    /// Compiles the command's module. wast2json writes <c>module quote</c> as text (.wat), which the engine's
    /// text parser turns into a binary first, so malformed text fails here like a malformed binary.
    /// </summary>
    private Module Load(JsonElement command)
    {
        var bytes = File.ReadAllBytes(Path.Combine(_directory, command.GetProperty("filename").GetString()!));
        var isText = command.TryGetProperty("module_type", out var moduleType) && moduleType.GetString() == "text";
        return Module.FromBytes(_engine, isText ? WatParser.ParseModule(bytes) : bytes);
    }

    private static string? ExpectTrap(Action action, bool exhaustion)
    {
        try
        {
            action();
            return "no trap";
        }
        catch (WasmTrap trap)
        {
            if (exhaustion && trap.Kind != TrapKind.CallStackExhausted) return $"expected stack exhaustion, got {trap.Message}";
            return null;
        }
    }

    private string? AssertReturn(JsonElement command)
    {
        var results = Perform(command.GetProperty("action"));
        var expected = command.GetProperty("expected");
        if (expected.GetArrayLength() != results.Length) return $"expected {expected.GetArrayLength()} results, got {results.Length}";
        var i = 0;
        foreach (var expectation in expected.EnumerateArray())
        {
            if (SpecValue.Mismatch(expectation, results[i]) is { } mismatch) return $"result {i}: {mismatch}";
            i++;
        }
        return null;
    }

    private Value[] Perform(JsonElement action)
    {
        var instance = action.TryGetProperty("module", out var name) ? _named[name.GetString()!] : _current
            ?? throw new InvalidOperationException("no current module");
        var field = action.GetProperty("field").GetString()!;
        switch (action.GetProperty("type").GetString())
        {
            case "invoke":
            {
                var function = instance.GetFunction(field) ?? throw new InvalidOperationException($"no exported function {field}");
                var args = action.GetProperty("args").EnumerateArray().Select(SpecValue.Parse).ToArray();
                return function.Call(args);
            }
            case "get":
            {
                var global = instance.GetGlobal(field) ?? throw new InvalidOperationException($"no exported global {field}");
                return [global.Value];
            }
            default: throw new InvalidOperationException("unknown action");
        }
    }
}
