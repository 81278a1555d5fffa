namespace WasmCloud.Wasi.Preview1;

/// <summary>Preview1 file types, as written into fdstat and filestat.</summary>
internal enum FileType : byte
{
    Unknown = 0,
    CharacterDevice = 2,
    Directory = 3,
    RegularFile = 4,
    SymbolicLink = 7,
}

/// <summary>An open file descriptor of a guest, with the rights and flags it reports (the guest may narrow the rights, never widen them).</summary>
internal abstract record Descriptor(FileType Type)
{
    public ulong RightsBase { get; set; }
    public ulong RightsInheriting { get; set; }
    public ushort Flags { get; set; }
}

/// <summary>A standard stream (or an open file): bytes in and out, seekable when the stream is.</summary>
internal sealed record StreamDescriptor(Stream Stream, FileType StreamType, string? HostPath = null) : Descriptor(StreamType);

/// <summary>A directory: a preopen, or one opened below a preopen. <see cref="Root"/> is the preopen it must stay inside.</summary>
internal sealed record DirectoryDescriptor(string HostPath, string Root, string? PreopenName) : Descriptor(FileType.Directory)
{
    public static DirectoryDescriptor Open(string hostPath, string root, string? preopenName) =>
        new(hostPath, root, preopenName) { RightsBase = Rights.Directory, RightsInheriting = Rights.Inherited };
}

/// <summary>The guest's descriptor table: 0–2 are the standard streams, then the preopens, then what it opens.</summary>
internal sealed class DescriptorTable
{
    private readonly Dictionary<int, Descriptor> _descriptors = [];
    private int _next;

    public DescriptorTable(WasiConfiguration configuration)
    {
        Add(new StreamDescriptor(configuration.StandardInput, FileType.CharacterDevice) { RightsBase = Rights.StandardInput });
        Add(new StreamDescriptor(configuration.StandardOutput, FileType.CharacterDevice) { RightsBase = Rights.StandardOutput });
        Add(new StreamDescriptor(configuration.StandardError, FileType.CharacterDevice) { RightsBase = Rights.StandardOutput });
        foreach (var preopen in configuration.Preopens)
        {
            var root = Path.GetFullPath(preopen.HostPath);
            Add(DirectoryDescriptor.Open(root, root, preopen.GuestPath));
        }
    }

    public int Add(Descriptor descriptor)
    {
        _descriptors[_next] = descriptor;
        return _next++;
    }

    public Descriptor? Get(int fd) => _descriptors.GetValueOrDefault(fd);

    /// <summary>
    /// <c>fd_renumber</c>: <paramref name="from"/> takes the place of <paramref name="to"/>, whose own descriptor is
    /// closed (a preopen or a standard stream included); both must be open.
    /// </summary>
    public Errno Renumber(int from, int to)
    {
        if (!_descriptors.TryGetValue(from, out var moved) || !_descriptors.ContainsKey(to)) return Errno.BadF;
        if (from == to) return Errno.Success;
        Remove(to);
        _descriptors.Remove(from);
        _descriptors[to] = moved;
        return Errno.Success;
    }

    public bool Remove(int fd)
    {
        if (!_descriptors.Remove(fd, out var descriptor)) return false;
        if (descriptor is StreamDescriptor { HostPath: not null } file) file.Stream.Dispose();
        return true;
    }
}
