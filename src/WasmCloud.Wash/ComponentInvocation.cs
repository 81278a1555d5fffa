using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Wave;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;

namespace WasmCloud.Wash;

/// <summary>
/// <c>wash run COMPONENT --invoke 'CALL'</c>: calls one exported function with arguments written in WAVE and
/// prints its result in WAVE. CALL is <c>name(args)</c>, or <c>ns:pkg/iface@version#name(args)</c> for a
/// function inside an exported interface (the version may be left out).
/// </summary>
internal static class ComponentInvocation
{
    public static int Run(Engine engine, Component component, WasiConfiguration configuration, string callText)
    {
        var call = WaveCall.Parse(callText);
        var linker = new ComponentLinker(engine);
        new WasiPreview2().AddTo(linker);
        using var wasi = new WasiContext(configuration);
        var instance = linker.Instantiate(new Store(engine) { Data = wasi }, component);
        var function = Find(instance, call);
        var arguments = WaveParser.ParseArguments(call.Arguments, function.Type.Parameters);
        try
        {
            var result = function.Call([.. arguments]);
            if (result is not null) Console.WriteLine(WaveWriter.Write(result, function.Type.Result!));
        }
        finally
        {
            wasi.FlushStandardStreams();
        }
        return 0;
    }

    private static ComponentFunc Find(ComponentInstance instance, WaveCall call)
    {
        if (call.Interface is null)
            return instance.GetFunction(call.Function) ?? throw Missing($"function '{call.Function}'", instance.Exports.Where(e => e.Value is ComponentFunc));
        var interfaces = instance.Exports.Where(e => e.Value is ComponentInstance).ToList();
        var exported = interfaces.FirstOrDefault(e => e.Key == call.Interface || VersionLess(e.Key) == call.Interface).Value as ComponentInstance
            ?? throw Missing($"interface '{call.Interface}'", interfaces);
        return exported.GetFunction(call.Function)
            ?? throw Missing($"function '{call.Function}' in '{call.Interface}'", exported.Exports.Where(e => e.Value is ComponentFunc));
    }

    private static string VersionLess(string name) => name.Split('@')[0];

    private static ComponentException Missing(string what, IEnumerable<KeyValuePair<string, object?>> available) =>
        new($"the component exports no {what} (it exports: {string.Join(", ", available.Select(e => e.Key).DefaultIfEmpty("nothing of that kind"))})");
}
