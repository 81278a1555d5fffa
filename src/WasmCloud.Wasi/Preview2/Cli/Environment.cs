using WasmCloud.Components;
using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Cli;

/// <summary>wasi:cli/environment: the configured arguments and variables; no initial working directory.</summary>
internal static class Environment
{
    public static void Define(ComponentLinker linker)
    {
        new HostInterface("wasi:cli/environment")
            .Function("get-environment", Wit.Func(Wit.List(Wit.Tuple(Wit.String, Wit.String))), (cx, _) => new ListValue(
                cx.Configuration.Environment.Select(v => (ComponentValue)new TupleValue([ComponentValue.String(v.Key), ComponentValue.String(v.Value)])).ToArray()))
            .Function("get-arguments", Wit.Func(Wit.List(Wit.String)), (cx, _) => new ListValue(cx.Configuration.Arguments.Select(ComponentValue.String).ToArray()))
            .Function("initial-cwd", Wit.Func(Wit.Option(Wit.String)), _ => Val.None)
            .DefineIn(linker);
    }
}
