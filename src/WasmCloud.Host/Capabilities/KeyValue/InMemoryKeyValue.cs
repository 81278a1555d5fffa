using System.Collections.Concurrent;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>Buckets in this process's memory: fast, shared by every component linked to the provider, gone when it stops.</summary>
internal sealed class InMemoryKeyValue : IKeyValueBackend
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Watch, string> _watches = new();

    /// <summary>One watcher's changes, in the order they were made, handed over one at a time.</summary>
    private sealed class Watch(InMemoryKeyValue owner, Func<string, byte[]?, Task> changed) : IAsyncDisposable
    {
        private readonly System.Threading.Channels.Channel<(string, byte[]?)> _changes = System.Threading.Channels.Channel.CreateUnbounded<(string, byte[]?)>();

        public void Post(string key, byte[]? value) => _changes.Writer.TryWrite((key, value));

        public async Task RunAsync()
        {
            await foreach (var (key, value) in _changes.Reader.ReadAllAsync()) await changed(key, value);
        }

        public ValueTask DisposeAsync()
        {
            owner._watches.TryRemove(this, out _);
            _changes.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }

    private void Changed(string bucket, string key, byte[]? value)
    {
        foreach (var (watch, watched) in _watches)
            if (watched == bucket) watch.Post(key, value?.ToArray());
    }

    public Task<IAsyncDisposable> WatchAsync(string bucket, Func<string, byte[]?, Task> changed, CancellationToken cancel)
    {
        var watch = new Watch(this, changed);
        _watches[watch] = bucket;
        _ = watch.RunAsync();
        return Task.FromResult<IAsyncDisposable>(watch);
    }

    private ConcurrentDictionary<string, byte[]> Bucket(string name) => _buckets.GetOrAdd(name, _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal));

    public Task<byte[]?> GetAsync(string bucket, string key, CancellationToken cancel) =>
        Task.FromResult(Bucket(bucket).TryGetValue(key, out var value) ? value.ToArray() : null);

    public Task SetAsync(string bucket, string key, byte[] value, CancellationToken cancel)
    {
        Bucket(bucket)[key] = value.ToArray();
        Changed(bucket, key, value);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string bucket, string key, CancellationToken cancel)
    {
        if (Bucket(bucket).TryRemove(key, out _)) Changed(bucket, key, null);
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
                if (values.TryAdd(key, CounterText.Write(delta)))
                {
                    Changed(bucket, key, CounterText.Write(delta));
                    return Task.FromResult(delta);
                }
                continue;
            }
            var next = CounterText.Add(CounterText.Read(current, key), delta, key);
            if (values.TryUpdate(key, CounterText.Write(next), current))
            {
                Changed(bucket, key, CounterText.Write(next));
                return Task.FromResult(next);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
