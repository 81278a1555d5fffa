using System.Runtime.InteropServices;

namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>
/// Operations on paths already resolved inside a sandbox, shared by wasi:filesystem and preview1 so both have one
/// behaviour. Renames and hard links go to libc: POSIX's rules (a directory may replace an empty one, a file may not
/// replace a directory, a link is never followed) are what guests expect, and .NET has no hard links at all. A failure
/// is a <see cref="FilesystemException"/> with wasi:filesystem's code.
/// </summary>
internal static class PathOperations
{
    public static void Rename(string source, string destination) => Check(rename(source, destination));

    public static void Link(string existing, string newPath) => Check(link(existing, newPath));

    /// <summary>A symbolic link whose text must name something inside <paramref name="root"/>, read from where the link is.</summary>
    public static void Symlink(string root, string link, string target)
    {
        if (!PathResolver.TargetInside(root, link, target)) throw new FilesystemException("not-permitted");
        if (Path.Exists(link) || new FileInfo(link).LinkTarget is not null) throw new FilesystemException("exist");
        File.CreateSymbolicLink(link, target);
    }

    public static string ReadLink(string path) => new FileInfo(path).LinkTarget ?? throw new FilesystemException(Path.Exists(path) ? "invalid" : "no-entry");

    private static void Check(int result)
    {
        if (result != 0) throw new FilesystemException(FilesystemException.OfErrno(Marshal.GetLastPInvokeError()));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
