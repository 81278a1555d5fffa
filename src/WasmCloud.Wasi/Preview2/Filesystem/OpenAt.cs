namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>descriptor.open-at: open-flags and descriptor-flags turned into a directory descriptor or a .NET file handle.</summary>
internal static class OpenAt
{
    public static Descriptor Open(Descriptor directory, string hostPath, bool follow, IReadOnlyList<string> openFlags, IReadOnlyList<string> flags)
    {
        var create = openFlags.Contains("create");
        var exclusive = openFlags.Contains("exclusive");
        var truncate = openFlags.Contains("truncate");
        var write = flags.Contains("write");
        // Without symlink-follow a final link is not opened through (O_NOFOLLOW reports a loop).
        if (!follow && new FileInfo(hostPath).LinkTarget is not null) throw new FilesystemException(create && exclusive ? "exist" : "loop");

        if (Directory.Exists(hostPath))
        {
            if (create && exclusive) throw new FilesystemException("exist");
            if (write || truncate) throw new FilesystemException("is-directory");
            return directory.Child(hostPath, null, flags);
        }
        if (openFlags.Contains("directory")) throw new FilesystemException(File.Exists(hostPath) ? "not-directory" : "no-entry");
        if (!create && !File.Exists(hostPath)) throw new FilesystemException("no-entry");
        if (create && exclusive && File.Exists(hostPath)) throw new FilesystemException("exist");

        var mode = create ? exclusive ? FileMode.CreateNew : truncate ? FileMode.Create : FileMode.OpenOrCreate : truncate ? FileMode.Truncate : FileMode.Open;
        var access = write ? flags.Contains("read") ? FileAccess.ReadWrite : FileAccess.Write : FileAccess.Read;
        // Creating or truncating needs write access in .NET even when the guest only reads.
        if (mode != FileMode.Open && mode != FileMode.OpenOrCreate) access |= FileAccess.Write;
        if (create && !write) access |= FileAccess.Write;
        var handle = File.OpenHandle(hostPath, mode, access, FileShare.ReadWrite | FileShare.Delete);
        return directory.Child(hostPath, handle, flags);
    }
}
