using System.Collections.Concurrent;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>Buckets in this process's memory: fast, shared by every component linked to the provider, gone when it stops.</summary>
internal sealed class InMemoryKeyValue : IKeyValueBackend
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> _buckets = new(StringComparer.Ordinal);

    private ConcurrentDictionary<string, byte[]> Bucket(string name) => _buckets.GetOrAdd(name, _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal));

    public Task<byte[]?> GetAsync(string bucket, string key, CancellationToken cancel) =>
        Task.FromResult(Bucket(bucket).TryGetValue(key, out var value) ? value.ToArray() : null);

    public Task SetAsync(string bucket, string key, byte[] value, CancellationToken cancel)
    {
        Bucket(bucket)[key] = value.ToArray();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string bucket, string key, CancellationToken cancel)
    {
        Bucket(bucket).TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string bucket, string key, CancellationToken cancel) => Task.FromResult(Bucket(bucket).ContainsKey(key));

    public Task<(List<string> Keys, ulong? Cursor)> ListKeysAsync(string bucket, ulong? cursor, CancellationToken cancel) =>
        Task.FromResult(KeyPages.Page(Bucket(bucket).Keys, cursor));

    public Task<ulong> IncrementAsync(string bucket, string key, ulong delta, CancellationToken cancel)
    {
        var values = Bucket(bucket);
        while (true)
        {
            if (!values.TryGetValue(key, out var current))
            {
                if (values.TryAdd(key, CounterText.Write(delta))) return Task.FromResult(delta);
                continue;
            }
            var next = CounterText.Add(CounterText.Read(current, key), delta, key);
            if (values.TryUpdate(key, CounterText.Write(next), current)) return Task.FromResult(next);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
