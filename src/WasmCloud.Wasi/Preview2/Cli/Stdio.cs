using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Cli;

/// <summary>wasi:cli/stdin, stdout and stderr: each call hands out a new handle to the configured stream.</summary>
internal static class Stdio
{
    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        new HostInterface("wasi:cli/stdin")
            .Resource("input-stream", wasi.InputStream)
            .Function("get-stdin", Wit.Func(wasi.InputStream.Own), _ => wasi.InputStream.New(wasi.StandardInput))
            .DefineIn(linker);
        new HostInterface("wasi:cli/stdout")
            .Resource("output-stream", wasi.OutputStream)
            .Function("get-stdout", Wit.Func(wasi.OutputStream.Own), _ => wasi.OutputStream.New(wasi.StandardOutput))
            .DefineIn(linker);
        new HostInterface("wasi:cli/stderr")
            .Resource("output-stream", wasi.OutputStream)
            .Function("get-stderr", Wit.Func(wasi.OutputStream.Own), _ => wasi.OutputStream.New(wasi.StandardError))
            .DefineIn(linker);
    }
}
