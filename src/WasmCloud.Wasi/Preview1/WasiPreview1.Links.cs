using System.Text;
using WasmCloud.Wasi.Preview2.Filesystem;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview1;

/// <summary>Links, renames and directory listings: wasi:filesystem's own operations (<see cref="PathOperations"/>) behind preview1's calls.</summary>
public sealed partial class WasiPreview1
{
    private const int LookupSymlinkFollow = 1;

    /// <summary><c>path_symlink(old_path, fd, new_path)</c>: a link at new_path whose text is old_path.</summary>
    private Errno PathSymlink(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        var target = memory.ReadString(U(args[0]), U(args[1]));
        if (DirectoryAt(args[2], out var directory) is var problem && problem != Errno.Success) return problem;
        return OnPath(memory, directory, args[3], args[4], followFinal: false, link => PathOperations.Symlink(directory.Root, link, target), makesFile: true);
    }

    /// <summary><c>path_readlink(fd, path, buf, buf_len) -> size</c>: the link's text, cut to the buffer as POSIX's readlink does.</summary>
    private Errno PathReadlink(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (DirectoryAt(args[0], out var directory) is var problem && problem != Errno.Success) return problem;
        var (buffer, capacity, used) = (U(args[3]), U(args[4]), U(args[5]));
        return OnPath(memory, directory, args[1], args[2], followFinal: false, link =>
        {
            var text = Encoding.UTF8.GetBytes(PathOperations.ReadLink(link));
            var length = (uint)Math.Min(text.Length, capacity);
            text.AsSpan(0, (int)length).CopyTo(memory.Slice(buffer, length));
            memory.WriteU32(used, length);
        });
    }

    /// <summary><c>path_link(old_fd, old_flags, old_path, new_fd, new_path)</c>: a hard link, within the sandbox on both sides.</summary>
    private Errno PathLink(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (DirectoryAt(args[0], out var from) is var problem && problem != Errno.Success) return problem;
        if (DirectoryAt(args[4], out var to) is var other && other != Errno.Success) return other;
        var error = Sandbox.Resolve(from, memory.ReadString(U(args[2]), U(args[3])), out var existing, followFinal: (args[1].AsI32() & LookupSymlinkFollow) != 0);
        if (error != Errno.Success) return error;
        return OnPath(memory, to, args[5], args[6], followFinal: false, link => PathOperations.Link(existing, link), makesFile: true);
    }

    /// <summary><c>path_rename(fd, old_path, new_fd, new_path)</c>, with POSIX's rules for what may replace what.</summary>
    private Errno PathRename(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (DirectoryAt(args[0], out var from) is var problem && problem != Errno.Success) return problem;
        if (DirectoryAt(args[3], out var to) is var other && other != Errno.Success) return other;
        var error = Sandbox.Resolve(from, memory.ReadString(U(args[1]), U(args[2])), out var source, followFinal: false);
        if (error != Errno.Success) return error;
        return OnPath(memory, to, args[4], args[5], followFinal: false, destination => PathOperations.Rename(source, destination));
    }

    /// <summary>
    /// <c>fd_readdir(fd, buf, buf_len, cookie) -> size</c>: <c>.</c>, <c>..</c> and the entries from the cookie on, each a
    /// 24-byte dirent (next cookie, inode, name length, type) and its name; the last one is cut where the buffer ends,
    /// and a full buffer tells the guest to ask again from the last whole entry's cookie.
    /// </summary>
    private Errno FdReaddir(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not DirectoryDescriptor directory) return Errno.BadF;
        var (buffer, capacity, cookie, used) = (U(args[1]), U(args[2]), (ulong)args[3].AsI64(), U(args[4]));
        var entries = new List<(string Name, FileType Type)> { (".", FileType.Directory), ("..", FileType.Directory) };
        entries.AddRange(Directory.EnumerateFileSystemEntries(directory.HostPath).Order(StringComparer.Ordinal).Select(path => (Path.GetFileName(path), TypeOf(path))));
        var output = new List<byte>();
        for (var index = (int)Math.Min(cookie, (ulong)entries.Count); index < entries.Count && output.Count < capacity; index++)
        {
            var name = Encoding.UTF8.GetBytes(entries[index].Name);
            var entry = new byte[24 + name.Length];
            BitConverter.TryWriteBytes(entry.AsSpan(0, 8), (ulong)index + 1);
            BitConverter.TryWriteBytes(entry.AsSpan(8, 8), (ulong)index + 1);
            BitConverter.TryWriteBytes(entry.AsSpan(16, 4), (uint)name.Length);
            entry[20] = (byte)entries[index].Type;
            name.CopyTo(entry, 24);
            output.AddRange(entry);
        }
        var length = (uint)Math.Min(output.Count, capacity);
        output.GetRange(0, (int)length).ToArray().CopyTo(memory.Slice(buffer, length));
        memory.WriteU32(used, length);
        return Errno.Success;
    }

    private static FileType TypeOf(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileType.SymbolicLink;
        return Directory.Exists(path) ? FileType.Directory : File.Exists(path) ? FileType.RegularFile : FileType.Unknown;
    }

    /// <summary>The directory a path is relative to: a descriptor that is open but not a directory is NOTDIR, none at all BADF.</summary>
    private Errno DirectoryAt(Value fd, out DirectoryDescriptor directory)
    {
        directory = null!;
        switch (_descriptors.Get(fd.AsI32()))
        {
            case DirectoryDescriptor found:
                directory = found;
                return Errno.Success;
            case null:
                return Errno.BadF;
            default:
                return Errno.NotDir;
        }
    }

    /// <summary>Resolves a path below <paramref name="directory"/> and runs a filesystem operation on it; its failure is the errno.</summary>
    private static Errno OnPath(GuestMemory memory, DirectoryDescriptor directory, Value pathPointer, Value pathLength, bool followFinal, Action<string> operation,
        bool makesFile = false)
    {
        var guestPath = memory.ReadString(U(pathPointer), U(pathLength));
        var error = Sandbox.Resolve(directory, guestPath, out var hostPath, followFinal);
        if (error != Errno.Success) return error;
        // A new link or file cannot be named as a directory.
        if (makesFile && Sandbox.EndsInSlash(guestPath)) return Path.Exists(hostPath) || new FileInfo(hostPath).LinkTarget is not null ? Errno.Exist : Errno.NoEnt;
        try
        {
            operation(hostPath);
            return Errno.Success;
        }
        catch (Exception e) when (e is FilesystemException or IOException or UnauthorizedAccessException)
        {
            // Past the sandbox, not-permitted is the operation's own EPERM (a hard link to a directory, an absolute link target).
            var code = FilesystemException.CodeOf(e);
            return code == "not-permitted" ? Errno.Perm : Errnos.Of(code);
        }
    }
}
