using System.Text;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview1;

public sealed partial class WasiPreview1
{
    private const int OpenCreate = 1, OpenDirectory = 2, OpenExclusive = 4, OpenTruncate = 8;
    private const int FdFlagAppend = 1;

    private Errno FdWrite(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not StreamDescriptor { Stream.CanWrite: true } descriptor) return Errno.BadF;
        if ((descriptor.RightsBase & Rights.FdWrite) == 0) return Errno.NotCapable;
        if ((descriptor.Flags & FdFlagAppend) != 0 && descriptor.Stream.CanSeek) descriptor.Stream.Seek(0, SeekOrigin.End);
        uint written = 0;
        foreach (var (pointer, length) in memory.ReadIoVectors(U(args[1]), U(args[2])))
        {
            descriptor.Stream.Write(memory.Slice(pointer, length));
            written += length;
        }
        descriptor.Stream.Flush();
        memory.WriteU32(U(args[3]), written);
        return Errno.Success;
    }

    private Errno FdRead(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not StreamDescriptor { Stream.CanRead: true } descriptor) return Errno.BadF;
        // Rights the guest dropped are gone (fd_fdstat_set_rights).
        if ((descriptor.RightsBase & Rights.FdRead) == 0) return Errno.NotCapable;
        uint total = 0;
        foreach (var (pointer, length) in memory.ReadIoVectors(U(args[1]), U(args[2])))
        {
            var read = descriptor.Stream.Read(memory.Slice(pointer, length));
            total += (uint)read;
            if (read < length) break;
        }
        memory.WriteU32(U(args[3]), total);
        return Errno.Success;
    }

    /// <summary><c>fd_pread</c>: reads at an offset, leaving the descriptor's own position where it was.</summary>
    private Errno FdPread(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not StreamDescriptor { Stream: { CanRead: true, CanSeek: true } stream }) return SeekableOrBadF(args[0]);
        var position = stream.Position;
        try
        {
            stream.Position = (long)args[3].AsI64();
            uint total = 0;
            foreach (var (pointer, length) in memory.ReadIoVectors(U(args[1]), U(args[2])))
            {
                var read = stream.Read(memory.Slice(pointer, length));
                total += (uint)read;
                if (read < length) break;
            }
            memory.WriteU32(U(args[4]), total);
            return Errno.Success;
        }
        finally
        {
            stream.Position = position;
        }
    }

    /// <summary><c>fd_pwrite</c>: writes at an offset, leaving the descriptor's own position where it was.</summary>
    private Errno FdPwrite(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not StreamDescriptor { Stream: { CanWrite: true, CanSeek: true } stream }) return SeekableOrBadF(args[0]);
        var position = stream.Position;
        try
        {
            stream.Position = (long)args[3].AsI64();
            uint written = 0;
            foreach (var (pointer, length) in memory.ReadIoVectors(U(args[1]), U(args[2])))
            {
                stream.Write(memory.Slice(pointer, length));
                written += length;
            }
            stream.Flush();
            memory.WriteU32(U(args[4]), written);
            return Errno.Success;
        }
        finally
        {
            stream.Position = position;
        }
    }

    /// <summary><c>fd_filestat_set_size</c>: truncates or extends an open file.</summary>
    private Errno FdFileStatSetSize(ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not StreamDescriptor { Stream: { CanWrite: true, CanSeek: true } stream }) return SeekableOrBadF(args[0]);
        stream.SetLength((long)args[1].AsI64());
        return Errno.Success;
    }

    /// <summary>A descriptor that exists but cannot take a positioned operation (a directory, a pipe) is not a bad descriptor.</summary>
    private Errno SeekableOrBadF(Value fd) => _descriptors.Get(fd.AsI32()) switch
    {
        null => Errno.BadF,
        DirectoryDescriptor => Errno.IsDir,
        StreamDescriptor { Stream.CanSeek: false } => Errno.SPipe,
        _ => Errno.BadF,
    };

    private Errno FdSeek(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not StreamDescriptor descriptor) return Errno.BadF;
        if (!descriptor.Stream.CanSeek) return Errno.SPipe;
        var origin = args[2].AsI32() switch { 0 => SeekOrigin.Begin, 1 => SeekOrigin.Current, 2 => SeekOrigin.End, _ => (SeekOrigin)(-1) };
        if ((int)origin < 0) return Errno.Inval;
        var target = origin switch
        {
            SeekOrigin.Begin => args[1].AsI64(),
            SeekOrigin.Current => descriptor.Stream.Position + args[1].AsI64(),
            _ => descriptor.Stream.Length + args[1].AsI64(),
        };
        if (target < 0) return Errno.Inval;
        descriptor.Stream.Position = target;
        memory.WriteU64(U(args[3]), (ulong)target);
        return Errno.Success;
    }

    private Errno FdTell(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not StreamDescriptor descriptor) return Errno.BadF;
        if (!descriptor.Stream.CanSeek) return Errno.SPipe;
        memory.WriteU64(U(args[1]), (ulong)descriptor.Stream.Position);
        return Errno.Success;
    }

    private Errno FdStatGet(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not { } descriptor) return Errno.BadF;
        var stat = U(args[1]);
        memory.Slice(stat, 24).Clear();
        memory.WriteU8(stat, (byte)descriptor.Type);
        memory.WriteU16(stat + 2, descriptor.Flags);
        memory.WriteU64(stat + 8, descriptor.RightsBase);
        memory.WriteU64(stat + 16, descriptor.RightsInheriting);
        return Errno.Success;
    }

    /// <summary><c>fd_fdstat_set_rights</c>: rights may be dropped, never gained (NOTCAPABLE).</summary>
    private Errno FdStatSetRights(ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not { } descriptor) return Errno.BadF;
        var (rightsBase, inheriting) = ((ulong)args[1].AsI64(), (ulong)args[2].AsI64());
        if ((rightsBase & ~descriptor.RightsBase) != 0 || (inheriting & ~descriptor.RightsInheriting) != 0) return Errno.NotCapable;
        descriptor.RightsBase = rightsBase;
        descriptor.RightsInheriting = inheriting;
        return Errno.Success;
    }

    /// <summary><c>fd_fdstat_set_flags</c>: APPEND moves every later write of a file to its end; the other flags are recorded.</summary>
    private Errno FdStatSetFlags(ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not { } descriptor) return Errno.BadF;
        descriptor.Flags = (ushort)args[1].AsI32();
        return Errno.Success;
    }

    private Errno FdFileStatGet(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        var descriptor = _descriptors.Get(args[0].AsI32());
        var path = descriptor switch
        {
            StreamDescriptor { HostPath: { } file } => file,
            DirectoryDescriptor directory => directory.HostPath,
            _ => null,
        };
        if (descriptor is null) return Errno.BadF;
        WriteFileStat(memory, U(args[1]), descriptor.Type, path);
        return Errno.Success;
    }

    private Errno PathFileStatGet(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        var output = U(args[4]);
        return WithPath(memory, args[0], args[2], args[3], path =>
        {
            if (new FileInfo(path).LinkTarget is not null) WriteFileStat(memory, output, FileType.SymbolicLink, path);
            else if (Directory.Exists(path)) WriteFileStat(memory, output, FileType.Directory, path);
            else if (File.Exists(path)) WriteFileStat(memory, output, FileType.RegularFile, path);
            else return Errno.NoEnt;
            return Errno.Success;
        }, followFinal: (args[1].AsI32() & LookupSymlinkFollow) != 0);
    }

    private const int SetAccessTime = 1, SetAccessTimeNow = 2, SetModifiedTime = 4, SetModifiedTimeNow = 8;

    /// <summary><c>fd_filestat_set_times</c>: a descriptor's access and modification times.</summary>
    private Errno FdFileStatSetTimes(ReadOnlySpan<Value> args)
    {
        // Standard streams have no times to set; only files and directories do.
        var path = _descriptors.Get(args[0].AsI32()) switch
        {
            StreamDescriptor { HostPath: { } file } => file,
            DirectoryDescriptor directory => directory.HostPath,
            _ => null,
        };
        return path is null ? Errno.BadF : SetTimes(path, (ulong)args[1].AsI64(), (ulong)args[2].AsI64(), args[3].AsI32());
    }

    /// <summary><c>path_filestat_set_times</c>: the times of a path below a directory descriptor.</summary>
    private Errno PathFileStatSetTimes(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        var (access, modified, flags) = ((ulong)args[4].AsI64(), (ulong)args[5].AsI64(), args[6].AsI32());
        return WithPath(memory, args[0], args[2], args[3], path => Path.Exists(path) ? SetTimes(path, access, modified, flags) : Errno.NoEnt);
    }

    /// <summary>Sets times by the fstflags: a time given and "now" for the same field at once is invalid, as the witx says.</summary>
    private static Errno SetTimes(string path, ulong access, ulong modified, int flags)
    {
        if ((flags & SetAccessTime) != 0 && (flags & SetAccessTimeNow) != 0) return Errno.Inval;
        if ((flags & SetModifiedTime) != 0 && (flags & SetModifiedTimeNow) != 0) return Errno.Inval;
        if ((flags & ~(SetAccessTime | SetAccessTimeNow | SetModifiedTime | SetModifiedTimeNow)) != 0) return Errno.Inval;
        static DateTime At(ulong nanoseconds) => DateTime.UnixEpoch.AddTicks((long)(nanoseconds / 100));
        var now = DateTime.UtcNow;
        if ((flags & (SetAccessTime | SetAccessTimeNow)) != 0) File.SetLastAccessTimeUtc(path, (flags & SetAccessTimeNow) != 0 ? now : At(access));
        if ((flags & (SetModifiedTime | SetModifiedTimeNow)) != 0) File.SetLastWriteTimeUtc(path, (flags & SetModifiedTimeNow) != 0 ? now : At(modified));
        return Errno.Success;
    }

    /// <summary>Writes a 64-byte filestat: device, inode, type, links, size and the three times in nanoseconds.</summary>
    private static void WriteFileStat(GuestMemory memory, uint pointer, FileType type, string? path)
    {
        memory.Slice(pointer, 64).Clear();
        memory.WriteU8(pointer + 16, (byte)type);
        memory.WriteU64(pointer + 24, 1);
        if (path is null) return;
        FileSystemInfo info = type == FileType.Directory ? new DirectoryInfo(path) : new FileInfo(path);
        if (info is FileInfo file) memory.WriteU64(pointer + 32, type == FileType.SymbolicLink ? (ulong)System.Text.Encoding.UTF8.GetByteCount(file.LinkTarget ?? "") : (ulong)file.Length);
        static ulong Nanoseconds(DateTime time) => (ulong)(time.ToUniversalTime() - DateTime.UnixEpoch).Ticks * 100;
        memory.WriteU64(pointer + 40, Nanoseconds(info.LastAccessTimeUtc));
        memory.WriteU64(pointer + 48, Nanoseconds(info.LastWriteTimeUtc));
        memory.WriteU64(pointer + 56, Nanoseconds(info.LastWriteTimeUtc));
    }

    private Errno PrestatGet(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not DirectoryDescriptor { PreopenName: { } name }) return Errno.BadF;
        var pointer = U(args[1]);
        memory.WriteU32(pointer, 0);
        memory.WriteU32(pointer + 4, (uint)Encoding.UTF8.GetByteCount(name));
        return Errno.Success;
    }

    private Errno PrestatDirName(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (_descriptors.Get(args[0].AsI32()) is not DirectoryDescriptor { PreopenName: { } name }) return Errno.BadF;
        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length > U(args[2])) return Errno.NameTooLong;
        bytes.CopyTo(memory.Slice(U(args[1]), (uint)bytes.Length));
        return Errno.Success;
    }

    /// <summary>Resolves a guest path below a directory descriptor, then runs <paramref name="action"/> on the host path.</summary>
    private Errno WithPath(GuestMemory memory, Value fd, Value pathPointer, Value pathLength, Func<string, Errno> action, bool followFinal = true)
    {
        if (DirectoryAt(fd, out var directory) is var problem && problem != Errno.Success) return problem;
        var error = Sandbox.Resolve(directory, memory.ReadString(U(pathPointer), U(pathLength)), out var hostPath, followFinal);
        return error != Errno.Success ? error : action(hostPath);
    }

    private Errno PathOpen(GuestMemory memory, ReadOnlySpan<Value> args)
    {
        if (DirectoryAt(args[0], out var directory) is var problem && problem != Errno.Success) return problem;
        var openFlags = args[4].AsI32();
        var rights = (ulong)args[5].AsI64();
        var fdFlags = args[7].AsI32();
        var output = U(args[8]);
        var follow = (args[1].AsI32() & LookupSymlinkFollow) != 0;
        var error = Sandbox.Resolve(directory, memory.ReadString(U(args[2]), U(args[3])), out var path, follow);
        if (error != Errno.Success) return error;
        // Without symlink_follow a link at the end is not opened through (O_NOFOLLOW).
        if (!follow && new FileInfo(path).LinkTarget is not null) return Errno.Loop;

        if (Directory.Exists(path))
        {
            if ((openFlags & (OpenCreate | OpenExclusive)) == (OpenCreate | OpenExclusive)) return Errno.Exist;
            // A directory is not opened for writing (POSIX's EISDIR for O_WRONLY or O_RDWR).
            if ((rights & Rights.FdWrite) != 0) return Errno.IsDir;
            var opened = DirectoryDescriptor.Open(path, directory.Root, null);
            opened.RightsBase &= rights & directory.RightsInheriting;
            opened.RightsInheriting &= (ulong)args[6].AsI64() & directory.RightsInheriting;
            memory.WriteU32(output, (uint)_descriptors.Add(opened));
            return Errno.Success;
        }
        if ((openFlags & OpenDirectory) != 0) return File.Exists(path) ? Errno.NotDir : Errno.NoEnt;

        var write = (rights & Rights.FdWrite) != 0 || (openFlags & (OpenCreate | OpenTruncate)) != 0;
        var mode = (openFlags & OpenCreate) == 0 ? FileMode.Open
            : (openFlags & OpenExclusive) != 0 ? FileMode.CreateNew
            : (openFlags & OpenTruncate) != 0 ? FileMode.Create
            : FileMode.OpenOrCreate;
        if (mode == FileMode.Open && (openFlags & OpenTruncate) != 0) mode = FileMode.Truncate;
        if (mode == FileMode.CreateNew && File.Exists(path)) return Errno.Exist;
        if (mode is FileMode.Open or FileMode.Truncate && !File.Exists(path)) return Errno.NoEnt;
        var access = write ? ((rights & Rights.FdRead) != 0 ? FileAccess.ReadWrite : FileAccess.Write) : FileAccess.Read;
        var stream = new FileStream(path, mode, access, FileShare.ReadWrite | FileShare.Delete);
        // What the file may do: what was asked, what its directory passes on, and what the open mode allows.
        var granted = rights & directory.RightsInheriting & Rights.File;
        if (access == FileAccess.Write) granted &= ~Rights.FdRead;
        if (access == FileAccess.Read) granted &= ~(Rights.FdWrite | Rights.FdAllocate | Rights.FdFilestatSetSize);
        memory.WriteU32(output, (uint)_descriptors.Add(new StreamDescriptor(stream, FileType.RegularFile, path)
        {
            RightsBase = granted,
            RightsInheriting = (ulong)args[6].AsI64() & directory.RightsInheriting,
            Flags = (ushort)fdFlags,
        }));
        return Errno.Success;
    }
}
