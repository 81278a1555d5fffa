namespace WasmCloud.Wasm.Tests;

/// <summary>Locates the read-only reference data in ../shared (relative to the repository root).</summary>
internal static class SharedData
{
    public static string? Directory(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WasmCloud.slnx"))) directory = directory.Parent;
        if (directory is null) return null;
        var path = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", relative));
        return System.IO.Directory.Exists(path) ? path : null;
    }
}
