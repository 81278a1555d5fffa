using WasmCloud.Components;
using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>wasi:filesystem/preopens: a fresh directory descriptor per configured preopen, with the path the guest sees it under.</summary>
internal static class Preopens
{
    private static readonly string[] DirectoryFlags = ["read", "mutate-directory"];

    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        new HostInterface("wasi:filesystem/preopens")
            .Resource("descriptor", wasi.Descriptor)
            .Function("get-directories", Wit.Func(Wit.List(Wit.Tuple(wasi.Descriptor.Own, Wit.String))), (cx, _) => new ListValue(cx.Configuration.Preopens
                // The root is the real path, so that link targets (which resolve to real paths) compare against it.
                .Select(p => (Root: Stat.RealPath(Path.TrimEndingDirectorySeparator(Path.GetFullPath(p.HostPath))), p.GuestPath))
                .Select(p => (ComponentValue)new TupleValue([wasi.Descriptor.New(cx, new Descriptor(p.Root, p.Root, null, DirectoryFlags)), ComponentValue.String(p.GuestPath)]))
                .ToArray()))
            .DefineIn(linker);
    }
}
