using System.Security.Cryptography;
using System.Text;
using WasmCloud.Components;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2.Clocks;

namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>descriptor-stat, descriptor-type and metadata-hash of host paths.</summary>
internal static class Stat
{
    public static readonly ValType DescriptorType = Wit.Enum("unknown", "block-device", "character-device", "directory", "fifo", "symbolic-link", "regular-file", "socket");

    public static readonly ValType DescriptorStat = Wit.Record(("type", DescriptorType), ("link-count", Wit.U64), ("size", Wit.U64),
        ("data-access-timestamp", Wit.Option(WallClock.Datetime)), ("data-modification-timestamp", Wit.Option(WallClock.Datetime)),
        ("status-change-timestamp", Wit.Option(WallClock.Datetime)));

    public static readonly ValType DirectoryEntry = Wit.Record(("type", DescriptorType), ("name", Wit.String));

    public static readonly ValType MetadataHashValue = Wit.Record(("lower", Wit.U64), ("upper", Wit.U64));

    public static string TypeOf(string path, bool follow) => TypeOf(Info(path, follow));

    private static string TypeOf(FileSystemInfo info) =>
        info.LinkTarget is not null ? "symbolic-link" : info.Attributes.HasFlag(FileAttributes.Directory) ? "directory" : "regular-file";

    public static ComponentValue Of(string path, bool follow)
    {
        var info = Info(path, follow);
        var size = info is FileInfo { LinkTarget: null } file ? file.Length : info.LinkTarget?.Length ?? 0;
        // .NET exposes neither the link count nor the status-change time: one link, and no ctime.
        return new RecordValue([
            ("type", new EnumValue(TypeOf(info))),
            ("link-count", Val.U64(1UL)),
            ("size", Val.U64(size)),
            ("data-access-timestamp", Val.Some(WallClock.ToDatetime(info.LastAccessTimeUtc))),
            ("data-modification-timestamp", Val.Some(WallClock.ToDatetime(info.LastWriteTimeUtc))),
            ("status-change-timestamp", Val.None),
        ]);
    }

    /// <summary>
    /// A hash identifying the file: .NET exposes no device and inode numbers, so it hashes the real
    /// (link-resolved) path, which names one object while it exists.
    /// </summary>
    public static ComponentValue Hash(string path)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(RealPath(path)));
        return new RecordValue([("lower", Val.U64(BitConverter.ToUInt64(digest, 0))), ("upper", Val.U64(BitConverter.ToUInt64(digest, 8)))]);
    }

    public static string RealPath(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private static FileSystemInfo Info(string path, bool follow)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (follow && info.LinkTarget is not null) info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        if (!info.Exists && info.LinkTarget is null) throw new FilesystemException("no-entry");
        return info;
    }
}
