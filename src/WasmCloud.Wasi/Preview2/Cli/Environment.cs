using WasmCloud.Components;
using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Cli;

/// <summary>wasi:cli/environment: the configured arguments and variables; no initial working directory.</summary>
internal static class Environment
{
    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        var configuration = wasi.Configuration;
        new HostInterface("wasi:cli/environment")
            .Function("get-environment", Wit.Func(Wit.List(Wit.Tuple(Wit.String, Wit.String))), _ => new ListValue(
                configuration.Environment.Select(v => (ComponentValue)new TupleValue([ComponentValue.String(v.Key), ComponentValue.String(v.Value)])).ToArray()))
            .Function("get-arguments", Wit.Func(Wit.List(Wit.String)), _ => new ListValue(configuration.Arguments.Select(ComponentValue.String).ToArray()))
            .Function("initial-cwd", Wit.Func(Wit.Option(Wit.String)), _ => Val.None)
            .DefineIn(linker);
    }
}
