namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>
/// Turns a guest path relative to a directory descriptor into a host path inside the descriptor's preopen,
/// refusing every way out with <c>not-permitted</c>: absolute paths, <c>..</c> above the preopen, and
/// symbolic links (followed on the way, and at the end when asked) whose target lies outside it.
/// Links are followed to their real location before the next segment, so a later <c>..</c> starts there.
/// </summary>
internal static class PathResolver
{
    public static string Resolve(Descriptor directory, string path, bool followFinal)
    {
        if (!directory.IsDirectory) throw new FilesystemException("not-directory");
        return Resolve(directory.Root, directory.HostPath, path, followFinal);
    }

    /// <summary>The same for any directory <paramref name="start"/> inside <paramref name="root"/> (preview1's descriptors too: one sandbox for both).</summary>
    public static string Resolve(string root, string start, string path, bool followFinal)
    {
        if (path.Length == 0) throw new FilesystemException("no-entry");
        if (path[0] == '/' || path.Contains('\0')) throw new FilesystemException("not-permitted");

        var segments = path.Split('/');
        var last = Array.FindLastIndex(segments, s => s is not ("" or "."));
        var current = start;
        for (var i = 0; i <= last; i++)
        {
            var segment = segments[i];
            if (segment is "" or ".") continue;
            current = segment == ".." ? Path.GetDirectoryName(current) ?? "/" : Path.Combine(current, segment);
            if (!Inside(root, current)) throw new FilesystemException("not-permitted");
            if (segment != ".." && (i < last || followFinal) && new FileInfo(current).LinkTarget is not null)
                current = FollowLink(root, current);
        }
        return current;
    }

    /// <summary>Whether a link's text, read from the directory the link is in, stays inside the root.</summary>
    public static bool TargetInside(string root, string linkPath, string target) =>
        !Path.IsPathRooted(target) && Inside(root, Path.GetFullPath(target, Path.GetDirectoryName(linkPath)!));

    public static bool Inside(string root, string path) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private static string FollowLink(string root, string link)
    {
        var target = new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        if (target is null || !Inside(root, target)) throw new FilesystemException("not-permitted");
        return target;
    }
}
