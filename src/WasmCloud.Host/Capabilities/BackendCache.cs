using System.Collections.Concurrent;

namespace WasmCloud.Host.Capabilities;

/// <summary>
/// A provider's backends (connections, pools, stores), one per distinct config key, made on first use and kept while
/// the provider runs. One that fails to come up is forgotten, so the next call tries again (a server that was down).
/// </summary>
internal sealed class BackendCache<T> : IAsyncDisposable where T : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _backends = new(StringComparer.Ordinal);

    public async Task<T> GetAsync(string key, Func<Task<T>> create, CancellationToken cancel)
    {
        var backend = _backends.GetOrAdd(key, _ => new Lazy<Task<T>>(create));
        try
        {
            return await backend.Value.WaitAsync(cancel);
        }
        catch
        {
            _backends.TryRemove(KeyValuePair.Create(key, backend));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in _backends.Values)
            if (backend.IsValueCreated && backend.Value.IsCompletedSuccessfully) await backend.Value.Result.DisposeAsync();
        _backends.Clear();
    }
}
