using System.Collections.Concurrent;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>
/// Buckets as NATS JetStream key-value buckets (created when missing), on the host's own NATS connection or on
/// the server a link's config names. Increments are compare-and-set on the key's revision, retried until they
/// win, so concurrent increments from any number of hosts never lose one.
/// </summary>
internal sealed class NatsKeyValue(INatsConnection nats, NatsConnection? owned, string? domain) : IKeyValueBackend
{
    private readonly NatsKVContext _kv = new(domain is null ? new NatsJSContext(nats) : new NatsJSContext((NatsConnection)nats, new NatsJSOpts(nats.Opts, domain)));
    private readonly ConcurrentDictionary<string, Lazy<Task<INatsKVStore>>> _stores = new(StringComparer.Ordinal);

    private async Task<INatsKVStore> StoreAsync(string bucket, CancellationToken cancel)
    {
        try
        {
            return await _stores.GetOrAdd(bucket, name => new Lazy<Task<INatsKVStore>>(() => OpenAsync(name))).Value.WaitAsync(cancel);
        }
        catch (Exception e) when (e is NatsException or NatsJSException)
        {
            _stores.TryRemove(bucket, out _);
            throw Unavailable(bucket, e);
        }
    }

    private async Task<INatsKVStore> OpenAsync(string bucket)
    {
        try
        {
            return await _kv.GetStoreAsync(bucket);
        }
        catch (NatsKVException)
        {
            return await _kv.CreateStoreAsync(new NatsKVConfig(bucket) { History = 1 });
        }
        catch (NatsJSApiException)
        {
            return await _kv.CreateStoreAsync(new NatsKVConfig(bucket) { History = 1 });
        }
    }

    public Task<byte[]?> GetAsync(string bucket, string key, CancellationToken cancel) => Run(bucket, key, async store =>
    {
        try
        {
            return (await store.GetEntryAsync<byte[]>(key, cancellationToken: cancel)).Value ?? [];
        }
        catch (Exception e) when (e is NatsKVKeyNotFoundException or NatsKVKeyDeletedException)
        {
            return null;
        }
    }, cancel);

    public Task SetAsync(string bucket, string key, byte[] value, CancellationToken cancel) =>
        Run(bucket, key, async store => await store.PutAsync(key, value, cancellationToken: cancel), cancel);

    public Task DeleteAsync(string bucket, string key, CancellationToken cancel) =>
        Run(bucket, key, async store =>
        {
            await store.DeleteAsync(key, cancellationToken: cancel);
            return true;
        }, cancel);

    public async Task<bool> ExistsAsync(string bucket, string key, CancellationToken cancel) => await GetAsync(bucket, key, cancel) is not null;

    /// <summary>
    /// Reads the keys from a watch that stops at the bucket's last revision as it was when the listing began (a plain
    /// key listing waits for a quiet moment, which a busy bucket may never have).
    /// </summary>
    public Task<(List<string> Keys, ulong? Cursor)> ListKeysAsync(string bucket, ulong? cursor, CancellationToken cancel) => Run(bucket, "", async store =>
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var last = (await store.GetStatusAsync(cancel)).Info.State.LastSeq;
        if (last == 0) return KeyPages.Page(keys, cursor);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var options = new NatsKVWatchOpts { MetaOnly = true, OnNoData = _ => ValueTask.FromResult(true) };
        try
        {
            await foreach (var entry in store.WatchAsync<byte[]>(">", opts: options, cancellationToken: watching.Token))
            {
                if (entry.Operation == NatsKVOperation.Put) keys.Add(entry.Key);
                else keys.Remove(entry.Key);
                if (entry.Revision >= last || entry.Delta == 0) break;
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
        }
        return KeyPages.Page(keys, cursor);
    }, cancel);

    public Task<ulong> IncrementAsync(string bucket, string key, ulong delta, CancellationToken cancel) => Run(bucket, key, async store =>
    {
        while (true)
        {
            NatsKVEntry<byte[]>? entry = null;
            try
            {
                entry = await store.GetEntryAsync<byte[]>(key, cancellationToken: cancel);
            }
            catch (NatsKVKeyNotFoundException)
            {
            }
            catch (NatsKVKeyDeletedException)
            {
            }
            var next = CounterText.Add(CounterText.Read(entry?.Value, key), delta, key);
            try
            {
                if (entry is { } current) await store.UpdateAsync(key, CounterText.Write(next), current.Revision, cancellationToken: cancel);
                else await store.CreateAsync(key, CounterText.Write(next), cancellationToken: cancel);
                return next;
            }
            catch (Exception e) when (e is NatsKVWrongLastRevisionException or NatsKVCreateException)
            {
                // Another writer won this round; read again.
            }
        }
    }, cancel);

    /// <summary>A JetStream watch of the bucket from now on (updates only); it resumes by itself after the server was away.</summary>
    public async Task<IAsyncDisposable> WatchAsync(string bucket, Func<string, byte[]?, Task> changed, CancellationToken cancel)
    {
        var store = await StoreAsync(bucket, cancel);
        var stop = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await foreach (var entry in store.WatchAsync<byte[]>(">", opts: new NatsKVWatchOpts { UpdatesOnly = true }, cancellationToken: stop.Token))
                        await changed(entry.Key, entry.Operation == NatsKVOperation.Put ? entry.Value ?? [] : null);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (Exception e) when (e is NatsException or NatsJSException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        });
        return new WatchStop(stop, watching);
    }

    private sealed class WatchStop(CancellationTokenSource stop, Task watching) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await watching;
            stop.Dispose();
        }
    }

    private async Task<T> Run<T>(string bucket, string key, Func<INatsKVStore, Task<T>> operation, CancellationToken cancel)
    {
        // While NATS is away a call fails at once rather than waiting out its time for a reconnection.
        if (nats.ConnectionState != NatsConnectionState.Open)
            throw new KeyValueException(KeyValueError.Other, $"the NATS key-value bucket `{bucket}` cannot be reached: the connection is {nats.ConnectionState.ToString().ToLowerInvariant()}");
        var store = await StoreAsync(bucket, cancel);
        try
        {
            return await operation(store);
        }
        catch (NatsKVException e) when (e.Message.Contains("invalid key", StringComparison.OrdinalIgnoreCase))
        {
            throw new KeyValueException(KeyValueError.Other, $"`{key}` is not a valid NATS key-value key (letters, digits and -/_=. only)");
        }
        catch (Exception e) when (e is NatsException or NatsJSException && e is not KeyValueException)
        {
            throw Unavailable(bucket, e);
        }
    }

    private static KeyValueException Unavailable(string bucket, Exception e) =>
        new(KeyValueError.Other, $"the NATS key-value bucket `{bucket}` cannot be reached: {e.Message}");

    public async ValueTask DisposeAsync()
    {
        if (owned is not null) await owned.DisposeAsync();
    }
}
