using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Cli;

/// <summary>wasi:cli/stdin, stdout and stderr: each call hands out a new handle to the configured stream.</summary>
internal static class Stdio
{
    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        new HostInterface("wasi:cli/stdin")
            .Resource("input-stream", wasi.InputStream)
            .Function("get-stdin", Wit.Func(wasi.InputStream.Own), (cx, _) => wasi.InputStream.New(cx, cx.StandardInput))
            .DefineIn(linker);
        new HostInterface("wasi:cli/stdout")
            .Resource("output-stream", wasi.OutputStream)
            .Function("get-stdout", Wit.Func(wasi.OutputStream.Own), (cx, _) => wasi.OutputStream.New(cx, cx.StandardOutput))
            .DefineIn(linker);
        new HostInterface("wasi:cli/stderr")
            .Resource("output-stream", wasi.OutputStream)
            .Function("get-stderr", Wit.Func(wasi.OutputStream.Own), (cx, _) => wasi.OutputStream.New(cx, cx.StandardError))
            .DefineIn(linker);
    }
}
