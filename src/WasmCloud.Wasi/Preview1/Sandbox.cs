using WasmCloud.Wasi.Preview2.Filesystem;

namespace WasmCloud.Wasi.Preview1;

/// <summary>
/// Resolves guest paths below a directory descriptor with wasi:filesystem's own resolver, so both hosts have one
/// sandbox: absolute paths, <c>..</c> above the preopen and symbolic links whose target lies outside it are refused
/// (<c>NOTCAPABLE</c>). The final segment is followed when it is a link unless <c>followFinal</c> is false (for the
/// operations on the link itself).
/// </summary>
internal static class Sandbox
{
    public static bool EndsInSlash(string guestPath) => guestPath.TrimEnd('.').EndsWith('/') && guestPath.Length > 1;

    public static Errno Resolve(DirectoryDescriptor directory, string guestPath, out string hostPath, bool followFinal = true)
    {
        // A NUL cannot be in a file name: an invalid argument, not an escape.
        if (guestPath.Contains('\0'))
        {
            hostPath = "";
            return Errno.Inval;
        }
        try
        {
            hostPath = PathResolver.Resolve(directory.Root, directory.HostPath, guestPath, followFinal);
            // A trailing slash names a directory: something else there is NOTDIR, as POSIX's path resolution says.
            if (EndsInSlash(guestPath) && (File.Exists(hostPath) || new FileInfo(hostPath).LinkTarget is not null && !Directory.Exists(hostPath))) return Errno.NotDir;
            return Errno.Success;
        }
        catch (FilesystemException e)
        {
            hostPath = "";
            return Errnos.Of(e.Code);
        }
    }
}
