using System.Text.Json.Nodes;
using NATS.Client.KeyValueStore;
using WasmCloud.Lattice.State;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Reconcile;

/// <summary>
/// Which wadm instance acts on which application: a lease per application in the <c>wadm_leases</c> bucket,
/// renewed by its holder every third of the lease time. A lease whose revision has not moved for <see cref="Ttl"/> (by this
/// instance's own clock, so clocks need not agree) is taken over with a compare-and-set, so exactly one
/// instance wins it. The lease also records the version its holder last brought the lattice to, which tells a
/// new holder what to clean up.
/// </summary>
internal sealed class AppLeases(INatsKVStore bucket, KvMirror mirror, string owner) : IAsyncDisposable
{
    public const string Bucket = "wadm_leases";

    private readonly Dictionary<string, (ulong Revision, Manifest? Applied, DateTimeOffset Written)> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ulong Revision, DateTimeOffset Since)> _foreign = new(StringComparer.Ordinal);

    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(5);

    public static async Task<AppLeases> OpenAsync(INatsKVContext kv, string owner, TimeSpan ttl, CancellationToken cancel)
    {
        var bucket = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(Bucket) { History = 1 }, cancel);
        return new(bucket, await KvMirror.OpenAsync(kv, Bucket, null, cancel), owner) { Ttl = ttl };
    }

    public ValueTask DisposeAsync() => mirror.DisposeAsync();

    private static string Key(string lattice, string app) => $"{lattice}.{app}";

    /// <summary>The applications of <paramref name="lattice"/> that have a lease, held or not.</summary>
    public List<string> List(string lattice) =>
        mirror.Values.Where(e => e.Value.Length > 0 && e.Key.StartsWith(lattice + ".", StringComparison.Ordinal)).Select(e => e.Key[(lattice.Length + 1)..]).ToList();

    /// <summary>Holds (or renews) the application's lease; false while another instance holds it.</summary>
    public async Task<bool> HoldAsync(string lattice, string app, DateTimeOffset now, CancellationToken cancel)
    {
        var key = Key(lattice, app);
        if (_held.TryGetValue(key, out var held))
        {
            // A third of the lease time between renewals keeps it alive for whoever watches, without a write per pass.
            if (now - held.Written < Ttl / 3) return true;
            if (await TryWriteAsync(key, held.Applied, held.Revision, cancel) is { } renewed)
            {
                _held[key] = (renewed, held.Applied, now);
                return true;
            }
            _held.Remove(key);
        }
        NatsKVEntry<byte[]> entry;
        try
        {
            entry = await bucket.GetEntryAsync<byte[]>(key, cancellationToken: cancel);
        }
        catch (NatsKVKeyNotFoundException)
        {
            return await TakeAsync(key, null, 0, now, cancel);
        }
        catch (NatsKVKeyDeletedException e)
        {
            return await TakeAsync(key, null, e.Revision, now, cancel);
        }
        var (holder, applied) = Decode(entry.Value);
        if (holder == owner) return await TakeAsync(key, applied, entry.Revision, now, cancel);
        if (!_foreign.TryGetValue(key, out var seen) || seen.Revision != entry.Revision)
        {
            _foreign[key] = (entry.Revision, now);
            return false;
        }
        return now - seen.Since >= Ttl && await TakeAsync(key, applied, entry.Revision, now, cancel);
    }

    private async Task<bool> TakeAsync(string key, Manifest? applied, ulong revision, DateTimeOffset now, CancellationToken cancel)
    {
        if (await TryWriteAsync(key, applied, revision, cancel) is not { } written) return false;
        _held[key] = (written, applied, now);
        _foreign.Remove(key);
        return true;
    }

    /// <summary>The version the holder last brought the lattice to (null: none).</summary>
    public Manifest? Applied(string lattice, string app) => _held.TryGetValue(Key(lattice, app), out var held) ? held.Applied : null;

    public async Task SetAppliedAsync(string lattice, string app, Manifest? applied, CancellationToken cancel)
    {
        var key = Key(lattice, app);
        if (!_held.TryGetValue(key, out var held)) return;
        if (await TryWriteAsync(key, applied, held.Revision, cancel) is { } written) _held[key] = (written, applied, DateTimeOffset.UtcNow);
        else _held.Remove(key);
    }

    /// <summary>Gives the lease up (nothing of the application is left to look after).</summary>
    public async Task ReleaseAsync(string lattice, string app, CancellationToken cancel)
    {
        var key = Key(lattice, app);
        if (!_held.Remove(key, out var held)) return;
        try
        {
            await bucket.PurgeAsync(key, new NatsKVDeleteOpts { Revision = held.Revision }, cancellationToken: cancel);
        }
        catch (NatsKVWrongLastRevisionException)
        {
        }
    }

    private async Task<ulong?> TryWriteAsync(string key, Manifest? applied, ulong revision, CancellationToken cancel)
    {
        var value = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["owner"] = owner, ["applied"] = applied is null ? null : ManifestJson.Write(applied) }.ToJsonString());
        try
        {
            return revision == 0 ? await bucket.CreateAsync(key, value, cancellationToken: cancel) : await bucket.UpdateAsync(key, value, revision, cancellationToken: cancel);
        }
        catch (NatsKVCreateException)
        {
            return null;
        }
        catch (NatsKVWrongLastRevisionException)
        {
            return null;
        }
    }

    private static (string? Owner, Manifest? Applied) Decode(byte[]? value)
    {
        if (value is not { Length: > 0 } || JsonNode.Parse(value) is not JsonObject lease) return (null, null);
        return (lease["owner"]?.GetValue<string>(), lease["applied"] is JsonObject applied ? ManifestJson.Read(applied) : null);
    }
}
