namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>
/// Where a key-value provider keeps its buckets. Counters are stored as the decimal text of an unsigned 64-bit
/// number, as upstream's providers store them, so other clients of the same backend read them as they expect.
/// A backend that cannot be reached fails the call with <see cref="KeyValueException"/>.
/// </summary>
internal interface IKeyValueBackend : IAsyncDisposable
{
    Task<byte[]?> GetAsync(string bucket, string key, CancellationToken cancel);
    Task SetAsync(string bucket, string key, byte[] value, CancellationToken cancel);
    Task DeleteAsync(string bucket, string key, CancellationToken cancel);
    Task<bool> ExistsAsync(string bucket, string key, CancellationToken cancel);

    /// <summary>Every key of the bucket from <paramref name="cursor"/> on (an offset), and where the next page starts, if there is one.</summary>
    Task<(List<string> Keys, ulong? Cursor)> ListKeysAsync(string bucket, ulong? cursor, CancellationToken cancel);

    /// <summary>Adds <paramref name="delta"/> to the counter under <paramref name="key"/> (0 when absent) atomically; the new value.</summary>
    Task<ulong> IncrementAsync(string bucket, string key, ulong delta, CancellationToken cancel);

    /// <summary>
    /// Calls <paramref name="changed"/> for every later change of a key in the bucket, in order: with the new value,
    /// or with null when the key was deleted. The watch ends when the result is disposed.
    /// </summary>
    Task<IAsyncDisposable> WatchAsync(string bucket, Func<string, byte[]?, Task> changed, CancellationToken cancel);
}
