namespace WasmCloud.Wasi.Preview1;

/// <summary>
/// Resolves guest paths below a directory descriptor and refuses every way out of its preopen: absolute
/// paths, <c>..</c> above the root, and symbolic links whose target lies outside it.
/// </summary>
internal static class Sandbox
{
    public static Errno Resolve(DirectoryDescriptor directory, string guestPath, out string hostPath)
    {
        hostPath = "";
        if (guestPath.Length == 0) return Errno.NoEnt;
        if (guestPath.StartsWith('/') || guestPath.Contains('\0')) return Errno.NotCapable;

        var current = directory.HostPath;
        foreach (var segment in guestPath.Split('/'))
        {
            if (segment is "" or ".") continue;
            current = segment == ".." ? Path.GetDirectoryName(current) ?? "" : Path.Combine(current, segment);
            if (!Inside(directory.Root, current)) return Errno.NotCapable;
            // A link may point anywhere: follow it and check again.
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !Inside(directory.Root, target)) return Errno.NotCapable;
            }
        }
        hostPath = current;
        return Errno.Success;
    }

    private static bool Inside(string root, string path) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);
}
