using System.Text.Json;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;

namespace WasmCloud.ComponentSpecTests;

/// <summary>
/// Runs the commands of one converted script. Components are decoded, validated and instantiated with no
/// imports; invokes go to the latest instance. A command that needs a feature this runtime leaves out, or a
/// form the text parser could not compile, is not runnable — never passed.
/// </summary>
public sealed class ScriptRunner(string directory, Engine engine)
{
    private readonly Dictionary<string, Component> _definitions = new(StringComparer.Ordinal);
    private ComponentInstance? _instance;
    private (Outcome Outcome, string Reason) _noInstance = (Outcome.NotRunnable, "no component instance");
    private Store _store = new(engine);

    public List<CommandResult> Run(JsonElement commands)
    {
        var results = new List<CommandResult>();
        var index = 0;
        foreach (var command in commands.EnumerateArray())
        {
            var type = command.GetProperty("type").GetString()!;
            var (outcome, detail) = RunOne(type, command);
            results.Add(new CommandResult(index++, type, outcome, detail));
        }
        return results;
    }

    private (Outcome, string) RunOne(string type, JsonElement command)
    {
        var file = command.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var text = command.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        if (command.TryGetProperty("parse_error", out var parseError))
        {
            if (type == "component") _noInstance = (Outcome.NotRunnable, "the component's text does not parse");
            return (Outcome.NotRunnable, $"wasm-tools cannot parse the text: {parseError.GetString()}");
        }
        if (type is "component" or "component_instance") _instance = null;
        try
        {
            return type switch
            {
                "component" => Instantiate(Load(file!)),
                "component_definition" => Define(command, file!),
                "component_instance" => InstantiateDefinition(text),
                "assert_invalid" or "assert_malformed" => AssertRejected(file!),
                "assert_return" => AssertReturn(text),
                "assert_trap" => AssertTrap(text),
                _ => (Outcome.NotRunnable, $"unknown command type {type}"),
            };
        }
        catch (UnsupportedFeatureException e)
        {
            if (type is "component" or "component_instance") _noInstance = (Outcome.NotRunnable, e.Message);
            return (Outcome.NotRunnable, e.Message);
        }
        catch (Exception e) when (e is WasmException or FormatException or KeyNotFoundException)
        {
            if (type is "component" or "component_instance") _noInstance = (Outcome.Failed, $"the component failed: {e.Message}");
            return (Outcome.Failed, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private Component Load(string file) => Component.FromBytes(engine, File.ReadAllBytes(Path.Combine(directory, file)));

    private (Outcome, string) Instantiate(Component component)
    {
        _store = new Store(engine);
        _instance = new ComponentLinker(engine).Instantiate(_store, component);
        return (Outcome.Passed, "");
    }

    private (Outcome, string) Define(JsonElement command, string file)
    {
        var component = Load(file);
        if (command.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String) _definitions[name.GetString()!] = component;
        return (Outcome.Passed, "");
    }

    private (Outcome, string) InstantiateDefinition(string text)
    {
        var form = (SList)SExpression.Parse(text);
        var name = ((SAtom)form.Items[^1]).Text;
        if (!_definitions.TryGetValue(name, out var component))
        {
            _noInstance = (Outcome.NotRunnable, $"definition {name} was not loaded");
            return (Outcome.NotRunnable, $"definition {name} was not loaded");
        }
        return Instantiate(component);
    }

    private (Outcome, string) AssertRejected(string file)
    {
        try
        {
            Load(file);
            return (Outcome.Failed, "the component was accepted");
        }
        catch (Exception e) when (e is MalformedModuleException or InvalidModuleException)
        {
            return (Outcome.Passed, "");
        }
    }

    private (Outcome, string) AssertReturn(string text)
    {
        var form = (SList)SExpression.Parse(text);
        if (Invoke((SList)form.Items[1]) is not { } invocation) return _noInstance;
        var expected = form.Items.Skip(2).Select(ValueLiteral.Parse).ToList();
        var actual = invocation();
        var actualText = actual is null ? "" : actual.ToString();
        var expectedText = string.Join(' ', expected.Select(e => e.ToString()));
        return actualText == expectedText ? (Outcome.Passed, "") : (Outcome.Failed, $"expected {expectedText}, got {actualText}");
    }

    private (Outcome, string) AssertTrap(string text)
    {
        var form = (SList)SExpression.Parse(text);
        if (Invoke((SList)form.Items[1]) is not { } invocation) return _noInstance;
        try
        {
            var result = invocation();
            return (Outcome.Failed, $"expected a trap, returned {result}");
        }
        catch (Exception e) when (e is WasmTrap or ComponentTrap || e.InnerException is ComponentTrap)
        {
            return (Outcome.Passed, "");
        }
    }

    /// <summary>The call an <c>(invoke "name" args…)</c> form makes, or null when there is no instance to call.</summary>
    private Func<ComponentValue?>? Invoke(SList invoke)
    {
        if (_instance is null) return null;
        var name = ((SString)invoke.Items[1]).Value;
        var args = invoke.Items.Skip(2).Select(ValueLiteral.Parse).ToArray();
        var function = _instance.GetFunction(name) ?? throw new ComponentException($"no exported function `{name}`");
        return () => function.Call(args);
    }
}
