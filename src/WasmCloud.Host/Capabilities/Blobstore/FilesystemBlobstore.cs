namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>
/// <c>blobstore-fs</c>: containers are directories under a root, objects are files in them (an object name with
/// slashes is a path below its container). Every name is resolved and checked to stay below its container, as the
/// WASI preopens are: <c>..</c>, absolute paths and anything else that would leave it are refused.
/// </summary>
internal sealed class FilesystemBlobstore(string root) : IBlobBackend
{
    private readonly string _root = Path.GetFullPath(root);

    public string Root => _root;

    public Task CreateContainerAsync(string container, CancellationToken cancel)
    {
        var path = ContainerPath(container);
        if (Directory.Exists(path)) throw new BlobstoreException($"container `{container}` already exists");
        Directory.CreateDirectory(path);
        return Task.CompletedTask;
    }

    public Task DeleteContainerAsync(string container, CancellationToken cancel)
    {
        Directory.Delete(ExistingContainer(container), recursive: true);
        return Task.CompletedTask;
    }

    public Task<bool> ContainerExistsAsync(string container, CancellationToken cancel) => Task.FromResult(Directory.Exists(ContainerPath(container)));

    public Task<ulong> ContainerCreatedAtAsync(string container, CancellationToken cancel) =>
        Task.FromResult(Seconds(Directory.GetCreationTimeUtc(ExistingContainer(container))));

    public Task<IReadOnlyList<string>> ListObjectsAsync(string container, CancellationToken cancel)
    {
        var path = ExistingContainer(container);
        IReadOnlyList<string> names = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(path, file).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(names);
    }

    public Task ClearContainerAsync(string container, CancellationToken cancel)
    {
        var path = ExistingContainer(container);
        foreach (var directory in Directory.EnumerateDirectories(path)) Directory.Delete(directory, recursive: true);
        foreach (var file in Directory.EnumerateFiles(path)) File.Delete(file);
        return Task.CompletedTask;
    }

    public Task<BlobInfo?> ObjectInfoAsync(string container, string name, CancellationToken cancel)
    {
        var file = new FileInfo(ObjectPath(ExistingContainer(container), name));
        return Task.FromResult(file.Exists ? new BlobInfo((ulong)file.Length, Seconds(file.CreationTimeUtc)) : null);
    }

    public Task<Stream> ReadAsync(string container, string name, ulong start, ulong end, CancellationToken cancel)
    {
        var path = ObjectPath(ExistingContainer(container), name);
        if (!File.Exists(path)) throw BlobstoreException.NoObject(container, name);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        return Task.FromResult<Stream>(new RangeStream(file, start, end));
    }

    public async Task WriteAsync(string container, string name, Stream data, CancellationToken cancel)
    {
        var path = ObjectPath(ExistingContainer(container), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside, then moved into place: a reader never sees half an object, a failed write leaves the old one.
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
                await data.CopyToAsync(file, cancel);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task DeleteObjectAsync(string container, string name, CancellationToken cancel)
    {
        File.Delete(ObjectPath(ExistingContainer(container), name));
        return Task.CompletedTask;
    }

    private string ContainerPath(string container)
    {
        if (container.Length == 0 || container.Contains('/') || container.Contains('\\') || container is "." or ".." || container.Contains('\0'))
            throw new BlobstoreException($"`{container}` is not a container name this store can hold (no slashes, not . or ..)");
        return Path.Combine(_root, container);
    }

    private string ExistingContainer(string container)
    {
        var path = ContainerPath(container);
        return Directory.Exists(path) ? path : throw BlobstoreException.NoContainer(container);
    }

    private static string ObjectPath(string containerPath, string name)
    {
        var parts = name.Split('/');
        if (name.Length == 0 || name.Contains('\0') || name.Contains('\\') || parts.Any(p => p is "" or "." or ".."))
            throw new BlobstoreException($"`{name}` is not an object name this store can hold (no empty, . or .. segments)");
        var full = Path.GetFullPath(Path.Combine(containerPath, name));
        if (!full.StartsWith(containerPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new BlobstoreException($"object `{name}` would leave its container");
        return full;
    }

    private static ulong Seconds(DateTime utc) => (ulong)Math.Max(0, new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
