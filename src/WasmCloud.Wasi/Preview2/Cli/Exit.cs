using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview1;

namespace WasmCloud.Wasi.Preview2.Cli;

/// <summary>
/// wasi:cli/exit: ends the guest by throwing <see cref="WasiExitException"/> through it. <c>exit</c> only says
/// success or failure (status 0 or 1); <c>exit-with-code</c> (unstable in the WIT) carries a code.
/// </summary>
internal static class Exit
{
    public static void Define(ComponentLinker linker) =>
        new HostInterface("wasi:cli/exit")
            .Function("exit", Wit.Func(null, ("status", Wit.Result(null, null))),
                args => throw new WasiExitException(Val.ToVariant(args[0]).Case == "ok" ? 0 : 1))
            .Function("exit-with-code", Wit.Func(null, ("status-code", Wit.U8)), args => throw new WasiExitException((int)Val.ToU64(args[0])))
            .DefineIn(linker);
}
