using NATS.Client.KeyValueStore;
using WasmCloud.Lattice.State;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Storage;

/// <summary>
/// Applications in the <c>wadm_manifests</c> bucket, one key per application (<c>{lattice}-{name}</c>). Writes name
/// the revision they read, so two wadm instances answering at once cannot lose each other's change. Lists come
/// from a live mirror of the bucket (caught up first), not from a key listing, which can stall while keys change.
/// </summary>
internal sealed class ManifestStore(INatsKVStore bucket, KvMirror mirror) : IAsyncDisposable
{
    // Every pass lists the applications; an entry is decoded again only when the mirror holds new bytes for it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Raw, StoredManifest? Decoded)> _decoded = new(StringComparer.Ordinal);

    public INatsKVStore Bucket { get; } = bucket;

    /// <summary>Opens (creating) the bucket and follows it; <paramref name="changed"/> hears of every change, whoever made it.</summary>
    public static async Task<ManifestStore> OpenAsync(INatsKVContext kv, string name, Func<Task> changed, CancellationToken cancel)
    {
        var bucket = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(name) { History = 1 }, cancel);
        return new(bucket, await KvMirror.OpenAsync(kv, name, (_, _) => changed(), cancel));
    }

    private static StoredManifest? TryDecode(byte[] value)
    {
        try
        {
            return StoredManifest.Decode(value);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => mirror.DisposeAsync();

    public async Task<(StoredManifest? Stored, ulong Revision)> GetAsync(WadmSubjects subjects, string name, CancellationToken cancel)
    {
        try
        {
            var entry = await Bucket.GetEntryAsync<byte[]>(subjects.ManifestKey(name), cancellationToken: cancel);
            return entry.Value is { Length: > 0 } value ? (StoredManifest.Decode(value), entry.Revision) : (null, entry.Revision);
        }
        catch (NatsKVKeyNotFoundException)
        {
            return (null, 0);
        }
        catch (NatsKVKeyDeletedException e)
        {
            return (null, e.Revision);
        }
    }

    /// <summary>Writes <paramref name="stored"/> if the key is still at <paramref name="revision"/>; false when someone wrote first.</summary>
    public async Task<bool> TryPutAsync(WadmSubjects subjects, string name, StoredManifest stored, ulong revision, CancellationToken cancel)
    {
        try
        {
            var key = subjects.ManifestKey(name);
            if (revision == 0) await Bucket.CreateAsync(key, stored.Encode(), cancellationToken: cancel);
            else await Bucket.UpdateAsync(key, stored.Encode(), revision, cancellationToken: cancel);
            return true;
        }
        catch (NatsKVCreateException)
        {
            return false;
        }
        catch (NatsKVWrongLastRevisionException)
        {
            return false;
        }
    }

    public async Task<bool> TryDeleteAsync(WadmSubjects subjects, string name, ulong revision, CancellationToken cancel)
    {
        try
        {
            await Bucket.DeleteAsync(subjects.ManifestKey(name), new NatsKVDeleteOpts { Revision = revision }, cancellationToken: cancel);
            return true;
        }
        catch (NatsKVWrongLastRevisionException)
        {
            return false;
        }
    }

    /// <summary>Every application of the lattice, by name. The results are shared: callers read them, never change them.</summary>
    public async Task<SortedDictionary<string, StoredManifest>> ListAsync(WadmSubjects subjects, CancellationToken cancel)
    {
        var prefix = subjects.ManifestKey("");
        var found = new SortedDictionary<string, StoredManifest>(StringComparer.Ordinal);
        await mirror.CatchUpAsync(TimeSpan.FromSeconds(2), cancel);
        foreach (var gone in _decoded.Keys.Where(k => !mirror.Values.ContainsKey(k))) _decoded.TryRemove(gone, out _);
        foreach (var (key, value) in mirror.Values)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || value.Length == 0) continue;
            var name = key[prefix.Length..];
            if (!_decoded.TryGetValue(key, out var cached) || !ReferenceEquals(cached.Raw, value)) _decoded[key] = cached = (value, TryDecode(value));
            // Another lattice's name may share this prefix (lattice "a" and "a-b"); its manifests carry their own names.
            if (cached.Decoded?.Current is { } current && current.Name == name) found[name] = cached.Decoded;
        }
        return found;
    }
}
