using WasmCloud.Components;

namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>The host object behind a directory-entry-stream: the directory's entries (without . and ..), read lazily.</summary>
internal sealed class DirectoryEntryStream(string directory) : IDisposable
{
    private readonly IEnumerator<string> _entries = Directory.EnumerateFileSystemEntries(directory).GetEnumerator();

    /// <summary>The next directory-entry record, or null at the end.</summary>
    public ComponentValue? Next() => _entries.MoveNext()
        ? new RecordValue([("type", new EnumValue(Stat.TypeOf(_entries.Current, follow: false))), ("name", ComponentValue.String(Path.GetFileName(_entries.Current)))])
        : null;

    public void Dispose() => _entries.Dispose();
}
