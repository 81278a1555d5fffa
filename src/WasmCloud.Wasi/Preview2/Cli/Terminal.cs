using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Cli;

/// <summary>
/// wasi:cli/terminal-*: the resources exist so components link, but the standard streams are never reported
/// as terminals — the host hands the guest byte streams, not a console it could control.
/// </summary>
internal static class Terminal
{
    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        new HostInterface("wasi:cli/terminal-input").Resource("terminal-input", wasi.TerminalInput).DefineIn(linker);
        new HostInterface("wasi:cli/terminal-output").Resource("terminal-output", wasi.TerminalOutput).DefineIn(linker);
        Define(linker, "terminal-stdin", "terminal-input", wasi.TerminalInput);
        Define(linker, "terminal-stdout", "terminal-output", wasi.TerminalOutput);
        Define(linker, "terminal-stderr", "terminal-output", wasi.TerminalOutput);
    }

    private static void Define(ComponentLinker linker, string name, string resourceName, HostResource terminal) =>
        new HostInterface($"wasi:cli/{name}")
            .Resource(resourceName, terminal)
            .Function($"get-{name}", Wit.Func(Wit.Option(terminal.Own)), _ => Val.None)
            .DefineIn(linker);
}
