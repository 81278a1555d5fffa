using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2.Cli;
using WasmCloud.Wasi.Preview2.Clocks;
using WasmCloud.Wasi.Preview2.Filesystem;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2;

/// <summary>
/// The WASI 0.2 host for command components: wasi:io, clocks, random, cli and filesystem, defined into a
/// <see cref="ComponentLinker"/> at <see cref="Version"/>. The linker binds a component's imports of any
/// other 0.2.x to these (semver-compatible), which covers every patch version toolchains emit. One instance
/// holds the resources one guest sees, so use a linker per context.
/// </summary>
public sealed class WasiPreview2
{
    /// <summary>The WASI version the interfaces are defined at (the newest the toolchains here emit).</summary>
    public const string Version = "0.2.12";

    public WasiPreview2(WasiConfiguration configuration)
    {
        Configuration = configuration;
        IoError = new HostResource("error", Table);
        Pollable = new HostResource("pollable", Table);
        InputStream = new HostResource("input-stream", Table);
        OutputStream = new HostResource("output-stream", Table);
        Descriptor = new HostResource("descriptor", Table);
        DirectoryEntryStream = new HostResource("directory-entry-stream", Table);
        TerminalInput = new HostResource("terminal-input", Table);
        TerminalOutput = new HostResource("terminal-output", Table);
        StandardInput = new StreamInput(configuration.StandardInput);
        StandardOutput = new StreamOutput(configuration.StandardOutput);
        StandardError = new StreamOutput(configuration.StandardError);
    }

    public WasiConfiguration Configuration { get; }

    internal HostTable Table { get; } = new();
    internal HostResource IoError { get; }
    internal HostResource Pollable { get; }
    internal HostResource InputStream { get; }
    internal HostResource OutputStream { get; }
    internal HostResource Descriptor { get; }
    internal HostResource DirectoryEntryStream { get; }
    internal HostResource TerminalInput { get; }
    internal HostResource TerminalOutput { get; }

    // One stream object per standard stream: each get-stdout hands out a new handle to the same stream, so
    // writes through any of them stay in order.
    internal StreamInput StandardInput { get; }
    internal StreamOutput StandardOutput { get; }
    internal StreamOutput StandardError { get; }

    public void AddTo(ComponentLinker linker)
    {
        Error.Define(this, linker);
        Poll.Define(this, linker);
        Streams.Define(this, linker);
        MonotonicClock.Define(this, linker);
        WallClock.Define(linker);
        Random.Random.Define(linker);
        Cli.Environment.Define(this, linker);
        Exit.Define(linker);
        Stdio.Define(this, linker);
        Terminal.Define(this, linker);
        Types.Define(this, linker);
        Preopens.Define(this, linker);
    }

    /// <summary>Writes out whatever the guest's stdout and stderr still have in flight.</summary>
    public void FlushStandardStreams()
    {
        StandardOutput.BlockingFlush();
        StandardError.BlockingFlush();
    }
}
