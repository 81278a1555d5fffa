using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview2.Cli;
using WasmCloud.Wasi.Preview2.Clocks;
using WasmCloud.Wasi.Preview2.Filesystem;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wasi.Preview2.Io;
using WasmCloud.Wasi.Preview2.Sockets;

namespace WasmCloud.Wasi.Preview2;

/// <summary>
/// The WASI 0.2 host: wasi:io, clocks, random, cli, filesystem, sockets and http (types, outgoing-handler), defined into a <see cref="ComponentLinker"/>
/// at <see cref="Version"/>. The linker binds a component's imports of any other 0.2.x to these
/// (semver-compatible), which covers every patch version toolchains emit. The definitions hold no guest's
/// state: each store carries a <see cref="WasiContext"/> in its Data, so one linker (and one prepared
/// component) serves any number of instances.
/// </summary>
public sealed class WasiPreview2
{
    /// <summary>The WASI version the interfaces are defined at (the newest the toolchains here emit).</summary>
    public const string Version = "0.2.12";

    public WasiPreview2()
    {
        IoError = new HostResource("error", Table);
        Pollable = new HostResource("pollable", Table);
        InputStream = new HostResource("input-stream", Table);
        OutputStream = new HostResource("output-stream", Table);
        Descriptor = new HostResource("descriptor", Table);
        DirectoryEntryStream = new HostResource("directory-entry-stream", Table);
        TerminalInput = new HostResource("terminal-input", Table);
        TerminalOutput = new HostResource("terminal-output", Table);
        Http = new HttpResources(Table);
        Sockets = new SocketResources(Table);
    }

    internal HostTable Table { get; } = new();

    /// <summary>
    /// A resource the embedder implements beside WASI's, whose handles live in the same table (so a guest's are
    /// dropped with its <see cref="WasiContext"/>).
    /// </summary>
    public HostResource Resource(string name) => new(name, Table);
    internal HostResource IoError { get; }
    internal HostResource Pollable { get; }
    /// <summary>wasi:io's <c>input-stream</c>, for embedders' interfaces that hand streams to guests.</summary>
    public HostResource InputStream { get; }
    /// <summary>wasi:io's <c>output-stream</c>.</summary>
    public HostResource OutputStream { get; }

    /// <summary>A guest's handle to an input-stream reading <paramref name="source"/> (one read kept in flight, so polls wait on it).</summary>
    public ComponentValue NewInputStream(WasiContext context, Stream source) => InputStream.New(context, new StreamInput(source));

    /// <summary>A guest's handle to an output-stream writing to <paramref name="sink"/> (each write's completion is the guest's back-pressure).</summary>
    public ComponentValue NewOutputStream(WasiContext context, Stream sink) => OutputStream.New(context, new StreamOutput(sink));
    internal HostResource Descriptor { get; }
    internal HostResource DirectoryEntryStream { get; }
    internal HostResource TerminalInput { get; }
    internal HostResource TerminalOutput { get; }
    internal HttpResources Http { get; }
    internal SocketResources Sockets { get; }

    public void AddTo(ComponentLinker linker)
    {
        Error.Define(this, linker);
        Poll.Define(this, linker);
        Streams.Define(this, linker);
        MonotonicClock.Define(this, linker);
        WallClock.Define(linker);
        Random.Random.Define(linker);
        Cli.Environment.Define(linker);
        Exit.Define(linker);
        Stdio.Define(this, linker);
        Terminal.Define(this, linker);
        Types.Define(this, linker);
        Preopens.Define(this, linker);
        SocketInterfaces.Define(this, linker);
        // componentize-js output imports wasi:http even when its world does not ask for it.
        HttpTypes.Define(this, linker);
        OutgoingHandler.Define(this, linker);
    }
}
