using System.Collections.Concurrent;
using NATS.Client.KeyValueStore;

namespace WasmCloud.Lattice.State;

/// <summary>
/// A live copy of one JetStream key-value bucket: it reads every key once, then follows each change, and tells
/// <see cref="Changed"/> about each (the value, or null once the key is deleted or purged). A host started later
/// sees the lattice's state as soon as <see cref="Synced"/> completes.
/// </summary>
public sealed class KvMirror : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _watching = Task.CompletedTask;
    private ulong _revision;

    private KvMirror(INatsKVStore store) => Store = store;

    public INatsKVStore Store { get; }

    /// <summary>Called for every change after the initial read, and for each key of it: key and new value (null when removed).</summary>
    public Func<string, byte[]?, Task>? Changed { get; set; }

    /// <summary>Completes once every key the bucket held at the start has been read.</summary>
    public Task Synced => _synced.Task;

    public IReadOnlyDictionary<string, byte[]> Values => _values;

    /// <summary>Opens the bucket (creating it with one value per key when missing) and starts following it.</summary>
    public static async Task<KvMirror> OpenAsync(INatsKVContext kv, string bucket, Func<string, byte[]?, Task>? changed, CancellationToken cancel)
    {
        INatsKVStore store;
        try
        {
            store = await kv.GetStoreAsync(bucket, cancel);
        }
        catch (NatsKVException)
        {
            store = await kv.CreateStoreAsync(new NatsKVConfig(bucket) { History = 1 }, cancel);
        }
        catch (NATS.Client.JetStream.NatsJSApiException)
        {
            store = await kv.CreateStoreAsync(new NatsKVConfig(bucket) { History = 1 }, cancel);
        }
        var mirror = new KvMirror(store) { Changed = changed };
        mirror._watching = mirror.WatchAsync();
        return mirror;
    }

    private async Task WatchAsync()
    {
        var options = new NatsKVWatchOpts
        {
            OnNoData = _ =>
            {
                _synced.TrySetResult();
                return ValueTask.FromResult(false);
            },
        };
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await foreach (var entry in Store.WatchAsync<byte[]>(">", opts: options, cancellationToken: _stop.Token))
                {
                    var value = entry.Operation == NatsKVOperation.Put ? entry.Value ?? [] : null;
                    if (value is null) _values.TryRemove(entry.Key, out _);
                    else _values[entry.Key] = value;
                    if (Changed is { } changed)
                    {
                        try
                        {
                            await changed(entry.Key, value);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            // One bad entry must not stop the host following the rest of the lattice's state.
                            Failed?.Invoke(entry.Key, e);
                        }
                    }
                    if (entry.Delta == 0) _synced.TrySetResult();
                    Interlocked.Exchange(ref _revision, Math.Max(Interlocked.Read(ref _revision), entry.Revision));
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failed?.Invoke("", e);
                // The watch restarts from the current values after a NATS outage.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Waits (up to <paramref name="within"/>) until the mirror has every change the bucket held when this was called:
    /// a read after another host's write then sees that write. Gives up quietly: the mirror is then as fresh as it gets.
    /// </summary>
    public async Task CatchUpAsync(TimeSpan within, CancellationToken cancel = default)
    {
        ulong last;
        try
        {
            last = (await Store.GetStatusAsync(cancel)).Info.State.LastSeq;
        }
        catch (NATS.Client.Core.NatsException)
        {
            return;
        }
        var deadline = DateTime.UtcNow + within;
        while (Interlocked.Read(ref _revision) < last && DateTime.UtcNow < deadline) await Task.Delay(5, cancel);
    }

    /// <summary>Told of an entry whose handling failed, or of a watch that broke and is being restarted.</summary>
    public Action<string, Exception>? Failed { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
