using System.Globalization;
using WasmCloud.Nats.JetStream;

namespace WasmCloud.Nats.KeyValue;

/// <summary>A key-value bucket on JetStream, with the same conventions as the official clients so they interoperate.</summary>
public sealed class NatsKeyValue
{
    private readonly NatsJetStream _js;
    private readonly bool _allowDirect;

    private NatsKeyValue(NatsJetStream js, string bucket, bool allowDirect)
    {
        _js = js;
        Bucket = bucket;
        _allowDirect = allowDirect;
    }

    public string Bucket { get; }
    public string StreamName => KvNames.Stream(Bucket);
    internal NatsJetStream JetStream => _js;

    /// <summary>Creates the bucket, or updates it to <paramref name="config"/> if it exists with other settings.</summary>
    public static async Task<NatsKeyValue> CreateBucketAsync(NatsJetStream js, KvConfig config, CancellationToken cancellationToken = default)
    {
        var streamConfig = config.ToStreamConfig();
        StreamInfo info;
        try
        {
            info = await js.CreateStreamAsync(streamConfig, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsJetStreamException e) when (e.ErrorCode == NatsJetStreamException.Codes.StreamNameInUse)
        {
            info = await js.UpdateStreamAsync(streamConfig, cancellationToken).ConfigureAwait(false);
        }
        return new NatsKeyValue(js, config.Bucket, info.Config.AllowDirect);
    }

    /// <summary>Binds to an existing bucket; throws <see cref="NatsJetStreamException"/> when there is none.</summary>
    public static async Task<NatsKeyValue> BindAsync(NatsJetStream js, string bucket, CancellationToken cancellationToken = default)
    {
        var info = await js.GetStreamInfoAsync(KvNames.Stream(bucket), cancellationToken).ConfigureAwait(false);
        return new NatsKeyValue(js, bucket, info.Config.AllowDirect);
    }

    public static Task DeleteBucketAsync(NatsJetStream js, string bucket, CancellationToken cancellationToken = default) =>
        js.DeleteStreamAsync(KvNames.Stream(bucket), cancellationToken);

    /// <summary>Stores a value; returns its revision.</summary>
    public Task<ulong> PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        PublishAsync(key, value, headers: null, cancellationToken);

    /// <summary>Stores a value only if the key's latest revision is <paramref name="expectedRevision"/> (0: the key has never been written).</summary>
    public Task<ulong> UpdateAsync(string key, ReadOnlyMemory<byte> value, ulong expectedRevision, CancellationToken cancellationToken = default) =>
        PublishAsync(key, value, ExpectRevision(expectedRevision), cancellationToken);

    /// <summary>Stores a value only if the key has none (never written, deleted or purged); else <see cref="NatsKvKeyExistsException"/>.</summary>
    public async Task<ulong> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        try
        {
            return await UpdateAsync(key, value, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsKvWrongRevisionException conflict)
        {
            // A deleted key still has a revision: its delete marker. Creating over a marker is allowed.
            if (await GetLatestAsync(key, cancellationToken).ConfigureAwait(false) is { Operation: not KvOperation.Put } marker)
                return await UpdateAsync(key, value, marker.Revision, cancellationToken).ConfigureAwait(false);
            throw new NatsKvKeyExistsException(conflict.Error);
        }
    }

    /// <summary>Marks a key deleted; its history stays.</summary>
    public Task<ulong> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        PublishAsync(key, ReadOnlyMemory<byte>.Empty, new NatsHeaders { [KvEntry.OperationHeader] = "DEL" }, cancellationToken);

    /// <summary>Deletes a key and drops its history (a rollup onto the purge marker).</summary>
    public Task<ulong> PurgeAsync(string key, CancellationToken cancellationToken = default) =>
        PublishAsync(key, ReadOnlyMemory<byte>.Empty, new NatsHeaders { [KvEntry.OperationHeader] = "PURGE", ["Nats-Rollup"] = "sub" }, cancellationToken);

    /// <summary>The current value, or null when the key has none (never written, deleted or purged).</summary>
    public async Task<KvEntry?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        await GetLatestAsync(key, cancellationToken).ConfigureAwait(false) is { Operation: KvOperation.Put } entry ? entry : null;

    /// <summary>The latest message of a key, delete and purge markers included.</summary>
    private async Task<KvEntry?> GetLatestAsync(string key, CancellationToken cancellationToken)
    {
        var subject = KvNames.Subject(Bucket, KvNames.ValidKey(key));
        StoredMessage? stored;
        if (_allowDirect)
        {
            stored = await _js.DirectGetLastAsync(StreamName, subject, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                stored = await _js.GetLastMessageAsync(StreamName, subject, cancellationToken).ConfigureAwait(false);
            }
            catch (NatsJetStreamException e) when (e.ErrorCode == NatsJetStreamException.Codes.NoMessageFound)
            {
                stored = null;
            }
        }
        return stored is null ? null : new KvEntry(Bucket, key, stored.Data, stored.Sequence, stored.Time, 0, KvEntry.OperationOf(stored.Headers));
    }

    /// <summary>Keys that currently have a value.</summary>
    public async Task<IReadOnlyList<string>> GetKeysAsync(CancellationToken cancellationToken = default)
    {
        var entries = await CollectAsync(">", new KvWatchOptions { MetaOnly = true }, cancellationToken).ConfigureAwait(false);
        return [.. entries.Where(e => e.Operation == KvOperation.Put).Select(e => e.Key)];
    }

    /// <summary>Every revision of a key still kept, oldest first, markers included.</summary>
    public Task<IReadOnlyList<KvEntry>> GetHistoryAsync(string key, CancellationToken cancellationToken = default) =>
        CollectAsync(KvNames.ValidKey(key), new KvWatchOptions { IncludeHistory = true }, cancellationToken);

    /// <summary>
    /// Watches keys matching <paramref name="keys"/> ('*' and '>' allowed): first the current values
    /// (or the whole history, or nothing, per <paramref name="options"/>), then every change as it happens.
    /// </summary>
    public Task<NatsKvWatcher> WatchAsync(string keys = ">", KvWatchOptions? options = null, CancellationToken cancellationToken = default) =>
        NatsKvWatcher.StartAsync(this, KvNames.ValidFilter(keys), options ?? new KvWatchOptions(), cancellationToken);

    /// <summary>The initial values of a watch, without waiting for live updates.</summary>
    private async Task<IReadOnlyList<KvEntry>> CollectAsync(string keys, KvWatchOptions options, CancellationToken cancellationToken)
    {
        await using var watcher = await WatchAsync(keys, options, cancellationToken).ConfigureAwait(false);
        var entries = new List<KvEntry>();
        var reader = watcher.Entries;
        while (true)
        {
            while (reader.TryRead(out var entry)) entries.Add(entry);
            // The watcher signals "caught up" only after queueing the last initial entry, so one more drain gets it.
            if (watcher.InitialValuesDone.IsCompleted)
            {
                while (reader.TryRead(out var entry)) entries.Add(entry);
                return entries;
            }
            await Task.WhenAny(reader.WaitToReadAsync(cancellationToken).AsTask(), watcher.InitialValuesDone).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ulong> PublishAsync(string key, ReadOnlyMemory<byte> value, NatsHeaders? headers, CancellationToken cancellationToken)
    {
        var subject = KvNames.Subject(Bucket, KvNames.ValidKey(key));
        try
        {
            return (await _js.PublishAsync(subject, value, headers, cancellationToken: cancellationToken).ConfigureAwait(false)).Seq;
        }
        catch (NatsJetStreamException e) when (e.ErrorCode == NatsJetStreamException.Codes.WrongLastSequence)
        {
            throw new NatsKvWrongRevisionException(e.Error);
        }
    }

    private static NatsHeaders ExpectRevision(ulong revision) =>
        new() { ["Nats-Expected-Last-Subject-Sequence"] = revision.ToString(CultureInfo.InvariantCulture) };
}
