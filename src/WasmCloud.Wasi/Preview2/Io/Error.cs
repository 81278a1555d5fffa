using WasmCloud.Components;
using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>wasi:io/error: the <c>error</c> resource, whose only method describes the failure for humans.</summary>
internal static class Error
{
    public static void Define(WasiPreview2 wasi, ComponentLinker linker) =>
        new HostInterface("wasi:io/error")
            .Resource("error", wasi.IoError)
            .Method(wasi.IoError, "error", "to-debug-string", Wit.String, [],
                args => ComponentValue.String(wasi.IoError.Get<IoError>(args[0]).Exception.Message))
            .DefineIn(linker);
}
