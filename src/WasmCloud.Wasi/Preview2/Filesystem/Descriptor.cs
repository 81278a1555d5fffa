using Microsoft.Win32.SafeHandles;

namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>
/// The host object behind a wasi:filesystem descriptor: a directory (a path below a preopen) or an open file
/// handle, with the descriptor-flags it was opened with. Every path it resolves stays below <see cref="Root"/>.
/// </summary>
internal sealed class Descriptor(string root, string hostPath, SafeFileHandle? file, IReadOnlyList<string> flags) : IDisposable
{
    /// <summary>The preopened directory this descriptor was reached from: the sandbox's boundary.</summary>
    public string Root { get; } = root;
    public string HostPath { get; } = hostPath;
    public IReadOnlyList<string> Flags { get; } = flags;
    public bool IsDirectory => file is null;

    /// <summary>The file handle; reading, writing or sizing a directory is <c>is-directory</c>.</summary>
    public SafeFileHandle File => file ?? throw new FilesystemException("is-directory");

    public SafeFileHandle Readable => Flags.Contains("read") ? File : throw new FilesystemException("bad-descriptor");
    public SafeFileHandle Writable => Flags.Contains("write") ? File : throw new FilesystemException("bad-descriptor");

    public Descriptor Child(string hostPath, SafeFileHandle? childFile, IReadOnlyList<string> childFlags) => new(Root, hostPath, childFile, childFlags);

    public void Dispose() => file?.Dispose();
}
