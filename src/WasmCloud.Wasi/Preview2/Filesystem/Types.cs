using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2.Clocks;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>
/// wasi:filesystem/types: the descriptor and directory-entry-stream resources. Every path goes through
/// <see cref="PathResolver"/>, so nothing outside the preopens can be named; failures return error-codes.
/// </summary>
internal static class Types
{
    private static readonly ValType ErrorCode = Wit.Enum("access", "would-block", "already", "bad-descriptor", "busy", "deadlock", "quota", "exist",
        "file-too-large", "illegal-byte-sequence", "in-progress", "interrupted", "invalid", "io", "is-directory", "loop", "too-many-links",
        "message-size", "name-too-long", "no-device", "no-entry", "no-lock", "insufficient-memory", "insufficient-space", "not-directory",
        "not-empty", "not-recoverable", "unsupported", "no-tty", "no-such-device", "overflow", "not-permitted", "pipe", "read-only",
        "invalid-seek", "text-file-busy", "cross-device");
    private static readonly ValType DescriptorFlags = Wit.Flags("read", "write", "file-integrity-sync", "data-integrity-sync", "requested-write-sync", "mutate-directory");
    private static readonly ValType PathFlags = Wit.Flags("symlink-follow");
    private static readonly ValType OpenFlags = Wit.Flags("create", "directory", "exclusive", "truncate");
    private static readonly ValType NewTimestamp = Wit.Variant(("no-change", null), ("now", null), ("timestamp", WallClock.Datetime));
    private static readonly ValType Advice = Wit.Enum("normal", "sequential", "random", "will-need", "dont-need", "no-reuse");
    private static readonly ValType Unit = Wit.Result(null, ErrorCode);

    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        var descriptor = wasi.Descriptor;
        var entries = wasi.DirectoryEntryStream;
        ValType Result(ValType? ok) => Wit.Result(ok, ErrorCode);
        Descriptor Self(ComponentValue[] args) => descriptor.Get<Descriptor>(args[0]);
        string At(ComponentValue[] args, int path, bool follow) => PathResolver.Resolve(Self(args), Val.ToText(args[path]), follow);
        static bool Follows(ComponentValue flags) => Val.ToFlags(flags).Contains("symlink-follow");
        (string, ValType) path = ("path", Wit.String);
        (string, ValType) pathFlags = ("path-flags", PathFlags);
        (string, ValType) offset = ("offset", Wit.U64);

        var types = new HostInterface("wasi:filesystem/types")
            .Resource("input-stream", wasi.InputStream)
            .Resource("output-stream", wasi.OutputStream)
            .Resource("error", wasi.IoError)
            .ValueTypes("datetime", "filesize", "descriptor-type", "descriptor-flags", "descriptor-stat", "path-flags", "open-flags", "link-count",
                "new-timestamp", "directory-entry", "error-code", "advice", "metadata-hash-value")
            .Resource("descriptor", descriptor)
            .Resource("directory-entry-stream", entries);
        void Method(string name, ValType? ok, (string, ValType)[] parameters, Func<WasiContext, ComponentValue[], ComponentValue?> body) =>
            types.Method(descriptor, "descriptor", name, Result(ok), parameters, (cx, args) => Guarded(() => body(cx, args)));

        Method("read-via-stream", wasi.InputStream.Own, [offset], (cx, args) => wasi.InputStream.New(cx, new FileInput(Self(args).Readable, (long)Val.ToU64(args[1]))));
        Method("write-via-stream", wasi.OutputStream.Own, [offset], (cx, args) => wasi.OutputStream.New(cx, new FileOutput(Self(args).Writable, (long)Val.ToU64(args[1]))));
        Method("append-via-stream", wasi.OutputStream.Own, [], (cx, args) => wasi.OutputStream.New(cx, new FileOutput(Self(args).Writable, null)));
        Method("advise", null, [offset, ("length", Wit.U64), ("advice", Advice)], (_, _) => null);
        Method("sync-data", null, [], (cx, args) => Sync(Self(args)));
        Method("sync", null, [], (cx, args) => Sync(Self(args)));
        Method("get-flags", DescriptorFlags, [], (cx, args) => new FlagsValue(Self(args).Flags));
        Method("get-type", Stat.DescriptorType, [], (cx, args) => new EnumValue(Self(args).IsDirectory ? "directory" : "regular-file"));
        Method("set-size", null, [("size", Wit.U64)], (cx, args) =>
        {
            RandomAccess.SetLength(Self(args).Writable, (long)Val.ToU64(args[1]));
            return null;
        });
        Method("set-times", null, [("data-access-timestamp", NewTimestamp), ("data-modification-timestamp", NewTimestamp)],
            (cx, args) => SetTimes(Self(args).HostPath, args[1], args[2]));
        Method("read", Wit.Tuple(Wit.Bytes, Wit.Bool), [("length", Wit.U64), offset], (cx, args) =>
        {
            var file = Self(args).Readable;
            var buffer = new byte[Val.ToLength(args[1], 1024 * 1024)];
            var position = (long)Val.ToU64(args[2]);
            var count = RandomAccess.Read(file, buffer, position);
            return new TupleValue([Val.Bytes(buffer.AsSpan(0, count)), ComponentValue.Bool(count < buffer.Length && position + count >= RandomAccess.GetLength(file))]);
        });
        Method("write", Wit.U64, [("buffer", Wit.Bytes), offset], (cx, args) =>
        {
            var bytes = Val.ToBytes(args[1]);
            RandomAccess.Write(Self(args).Writable, bytes, (long)Val.ToU64(args[2]));
            return Val.U64(bytes.Length);
        });
        Method("read-directory", entries.Own, [], (cx, args) =>
        {
            var self = Self(args);
            if (!self.IsDirectory) throw new FilesystemException("not-directory");
            return entries.New(cx, new DirectoryEntryStream(self.HostPath));
        });
        Method("create-directory-at", null, [path], (cx, args) =>
        {
            var target = At(args, 1, follow: false);
            if (Path.Exists(target) || new FileInfo(target).LinkTarget is not null) throw new FilesystemException("exist");
            Directory.CreateDirectory(target);
            return null;
        });
        Method("stat", Stat.DescriptorStat, [], (cx, args) => Stat.Of(Self(args).HostPath, follow: true));
        Method("stat-at", Stat.DescriptorStat, [pathFlags, path], (cx, args) => Stat.Of(At(args, 2, Follows(args[1])), Follows(args[1])));
        Method("set-times-at", null, [pathFlags, path, ("data-access-timestamp", NewTimestamp), ("data-modification-timestamp", NewTimestamp)],
            (cx, args) => SetTimes(At(args, 2, Follows(args[1])), args[3], args[4]));
        Method("link-at", null, [("old-path-flags", PathFlags), ("old-path", Wit.String), ("new-descriptor", descriptor.Borrow), ("new-path", Wit.String)], (cx, args) =>
        {
            PathOperations.Link(At(args, 2, Follows(args[1])), PathResolver.Resolve(descriptor.Get<Descriptor>(args[3]), Val.ToText(args[4]), followFinal: false));
            return null;
        });
        Method("open-at", descriptor.Own, [pathFlags, path, ("open-flags", OpenFlags), ("flags", DescriptorFlags)],
            (cx, args) => descriptor.New(cx, OpenAt.Open(Self(args), At(args, 2, Follows(args[1])), Follows(args[1]), Val.ToFlags(args[3]), Val.ToFlags(args[4]))));
        Method("readlink-at", Wit.String, [path], (cx, args) => ComponentValue.String(PathOperations.ReadLink(At(args, 1, follow: false))));
        Method("remove-directory-at", null, [path], (cx, args) =>
        {
            var target = At(args, 1, follow: false);
            if (!Directory.Exists(target) || new DirectoryInfo(target).LinkTarget is not null)
                throw new FilesystemException(Path.Exists(target) ? "not-directory" : "no-entry");
            if (Directory.EnumerateFileSystemEntries(target).Any()) throw new FilesystemException("not-empty");
            Directory.Delete(target);
            return null;
        });
        Method("rename-at", null, [("old-path", Wit.String), ("new-descriptor", descriptor.Borrow), ("new-path", Wit.String)], (cx, args) =>
        {
            PathOperations.Rename(At(args, 1, follow: false), PathResolver.Resolve(descriptor.Get<Descriptor>(args[2]), Val.ToText(args[3]), followFinal: false));
            return null;
        });
        Method("symlink-at", null, [("old-path", Wit.String), ("new-path", Wit.String)], (cx, args) =>
        {
            // A link may only say what the guest could reach itself: nothing absolute, nothing above the preopen.
            PathOperations.Symlink(Self(args).Root, At(args, 2, follow: false), Val.ToText(args[1]));
            return null;
        });
        Method("unlink-file-at", null, [path], (cx, args) =>
        {
            var target = At(args, 1, follow: false);
            var isLink = new FileInfo(target).LinkTarget is not null;
            if (!isLink && Directory.Exists(target)) throw new FilesystemException("is-directory");
            if (!isLink && !File.Exists(target)) throw new FilesystemException("no-entry");
            File.Delete(target);
            return null;
        });
        types.Method(descriptor, "descriptor", "is-same-object", Wit.Bool, [("other", descriptor.Borrow)], args =>
            ComponentValue.Bool(Stat.RealPath(Self(args).HostPath) == Stat.RealPath(descriptor.Get<Descriptor>(args[1]).HostPath)));
        Method("metadata-hash", Stat.MetadataHashValue, [], (cx, args) => Stat.Hash(Self(args).HostPath));
        Method("metadata-hash-at", Stat.MetadataHashValue, [pathFlags, path], (cx, args) => Stat.Hash(At(args, 2, Follows(args[1]))));

        types.Method(entries, "directory-entry-stream", "read-directory-entry", Result(Wit.Option(Stat.DirectoryEntry)), [],
                args => Guarded(() => entries.Get<DirectoryEntryStream>(args[0]).Next() is { } entry ? Val.Some(entry) : Val.None))
            .Function("filesystem-error-code", Wit.Func(Wit.Option(ErrorCode), ("err", wasi.IoError.Borrow)), args =>
                wasi.IoError.Get<IoError>(args[0]).Exception is var e && e is IOException or UnauthorizedAccessException or FilesystemException
                    ? Val.Some(new EnumValue(FilesystemException.CodeOf(e)))
                    : Val.None)
            .DefineIn(linker);
    }

    /// <summary>Runs a descriptor operation: its value is <c>ok</c>, a failure the <c>error</c> with its error-code.</summary>
    private static ComponentValue Guarded(Func<ComponentValue?> operation)
    {
        try
        {
            return Val.Ok(operation());
        }
        catch (Exception e) when (e is FilesystemException or IOException or UnauthorizedAccessException)
        {
            return Val.Error(new EnumValue(FilesystemException.CodeOf(e)));
        }
    }

    private static ComponentValue? Sync(Descriptor descriptor)
    {
        if (!descriptor.IsDirectory) RandomAccess.FlushToDisk(descriptor.File);
        return null;
    }

    private static ComponentValue? SetTimes(string path, ComponentValue access, ComponentValue modification)
    {
        if (!Path.Exists(path)) throw new FilesystemException("no-entry");
        if (Timestamp(access) is { } accessed) File.SetLastAccessTimeUtc(path, accessed);
        if (Timestamp(modification) is { } modified) File.SetLastWriteTimeUtc(path, modified);
        return null;
    }

    private static DateTime? Timestamp(ComponentValue newTimestamp) => Val.ToVariant(newTimestamp) switch
    {
        ("now", _) => DateTime.UtcNow,
        ("timestamp", { } datetime) => WallClock.FromDatetime(datetime).UtcDateTime,
        _ => null,
    };
}
