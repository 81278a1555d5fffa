using Microsoft.Extensions.Logging;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;

namespace WasmCloud.Host.Components;

/// <summary>
/// The interfaces the host itself serves to every component, beside WASI: <c>wasi:config/store@0.2.0-draft</c> (and
/// its older name <c>wasi:config/runtime</c>), which answer from the merge of the component's named config as it is at
/// the invocation's start, later names winning; and <c>wasi:logging/logging@0.1.0-draft</c>, whose messages go to the
/// host's log with the component's ID.
/// </summary>
internal static class HostInterfaces
{
    private static readonly string[] Levels = ["trace", "debug", "info", "warn", "error", "critical"];

    public static void Define(ComponentLinker linker, string componentId, ILogger log)
    {
        foreach (var (name, errorName) in new[] { ("wasi:config/store", "error"), ("wasi:config/runtime", "config-error") })
        {
            var error = Wit.Variant(("upstream", Wit.String), ("io", Wit.String));
            new HostInterface(name)
                .ValueTypes(errorName)
                .Function("get", Wit.Func(Wit.Result(Wit.Option(Wit.String), error), ("key", Wit.String)), (Store? store, ComponentValue[] args) =>
                    new VariantValue("ok", Config(store).TryGetValue(((StringValue)args[0]).Value, out var value)
                        ? new VariantValue("some", ComponentValue.String(value))
                        : new VariantValue("none", null)))
                .Function("get-all", Wit.Func(Wit.Result(Wit.List(Wit.Tuple(Wit.String, Wit.String)), error)), (Store? store, ComponentValue[] _) =>
                    new VariantValue("ok", new ListValue(Config(store).OrderBy(p => p.Key, StringComparer.Ordinal)
                        .Select(p => (ComponentValue)new TupleValue([ComponentValue.String(p.Key), ComponentValue.String(p.Value)])).ToList())))
                .DefineIn(linker, "0.2.0-draft");
        }
        new HostInterface("wasi:logging/logging")
            .ValueTypes("level")
            .Function("log", Wit.Func(null, ("level", Wit.Enum(Levels)), ("context", Wit.String), ("message", Wit.String)), (Store? _, ComponentValue[] args) =>
            {
                var level = ((EnumValue)args[0]).Case switch
                {
                    "trace" => LogLevel.Trace,
                    "debug" => LogLevel.Debug,
                    "info" => LogLevel.Information,
                    "warn" => LogLevel.Warning,
                    "error" => LogLevel.Error,
                    _ => LogLevel.Critical,
                };
                log.Log(level, "component {ComponentId} [{Context}]: {Message}", componentId, ((StringValue)args[1]).Value, ((StringValue)args[2]).Value);
                return null;
            })
            .DefineIn(linker, "0.1.0-draft");
    }

    private static IReadOnlyDictionary<string, string> Config(Store? store) =>
        store?.Data is WasiContext { Configuration.Embedder: InvocationState state } ? state.Config : new Dictionary<string, string>();
}
