namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>
/// One blob store behind <c>wasi:blobstore</c>: containers of named objects. A missing container or object, a name
/// the backend cannot hold, or a backend that cannot be reached is a <see cref="BlobstoreException"/> with a line
/// that says which (the interface's <c>error</c> is a string).
/// </summary>
internal interface IBlobBackend : IAsyncDisposable
{
    Task CreateContainerAsync(string container, CancellationToken cancel);
    Task DeleteContainerAsync(string container, CancellationToken cancel);
    Task<bool> ContainerExistsAsync(string container, CancellationToken cancel);

    /// <summary>When the container was made, in seconds since the Unix epoch.</summary>
    Task<ulong> ContainerCreatedAtAsync(string container, CancellationToken cancel);

    Task<IReadOnlyList<string>> ListObjectsAsync(string container, CancellationToken cancel);
    Task ClearContainerAsync(string container, CancellationToken cancel);

    /// <summary>The object's size and creation time, or null when there is no such object.</summary>
    Task<BlobInfo?> ObjectInfoAsync(string container, string name, CancellationToken cancel);

    /// <summary>Bytes <paramref name="start"/> to <paramref name="end"/> of the object, both inclusive (clamped to its end).</summary>
    Task<Stream> ReadAsync(string container, string name, ulong start, ulong end, CancellationToken cancel);

    /// <summary>Creates or replaces the object with what <paramref name="data"/> yields, read to its end.</summary>
    Task WriteAsync(string container, string name, Stream data, CancellationToken cancel);

    /// <summary>Deletes the object; one that does not exist is no error.</summary>
    Task DeleteObjectAsync(string container, string name, CancellationToken cancel);

    async Task CopyObjectAsync(string fromContainer, string from, string toContainer, string to, CancellationToken cancel)
    {
        var info = await ObjectInfoAsync(fromContainer, from, cancel) ?? throw BlobstoreException.NoObject(fromContainer, from);
        if (!await ContainerExistsAsync(toContainer, cancel)) throw BlobstoreException.NoContainer(toContainer);
        await using var data = await ReadAsync(fromContainer, from, 0, info.Size == 0 ? 0 : info.Size - 1, cancel);
        await WriteAsync(toContainer, to, data, cancel);
    }

    async Task MoveObjectAsync(string fromContainer, string from, string toContainer, string to, CancellationToken cancel)
    {
        if (fromContainer == toContainer && from == to) return;
        await CopyObjectAsync(fromContainer, from, toContainer, to, cancel);
        await DeleteObjectAsync(fromContainer, from, cancel);
    }
}

/// <param name="CreatedAt">Seconds since the Unix epoch.</param>
internal sealed record BlobInfo(ulong Size, ulong CreatedAt);

/// <summary>A blob store operation refused or failed; the message is the interface's <c>error</c>.</summary>
internal sealed class BlobstoreException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static BlobstoreException NoContainer(string container) => new($"container `{container}` does not exist");
    public static BlobstoreException NoObject(string container, string name) => new($"object `{name}` does not exist in container `{container}`");
}
