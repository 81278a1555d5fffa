using System.Threading.Channels;
using WasmCloud.Nats.JetStream;

namespace WasmCloud.Nats.KeyValue;

/// <summary>
/// A running watch of a bucket, on an ordered push consumer (so it survives gaps and failovers).
/// Enumerate it for entries; <see cref="InitialValuesDone"/> completes once the values that existed at the start have been queued.
/// </summary>
public sealed class NatsKvWatcher : IAsyncEnumerable<KvEntry>, IAsyncDisposable
{
    private readonly Channel<KvEntry> _entries = Channel.CreateBounded<KvEntry>(new BoundedChannelOptions(1024) { SingleWriter = true });
    private readonly NatsKeyValue _bucket;
    private readonly KvWatchOptions _options;
    private NatsOrderedConsumer? _consumer;

    private NatsKvWatcher(NatsKeyValue bucket, KvWatchOptions options)
    {
        _bucket = bucket;
        _options = options;
    }

    public ChannelReader<KvEntry> Entries => _entries.Reader;

    public Task InitialValuesDone => _consumer!.CaughtUp;

    internal static async Task<NatsKvWatcher> StartAsync(NatsKeyValue bucket, string keys, KvWatchOptions options, CancellationToken cancellationToken)
    {
        var watcher = new NatsKvWatcher(bucket, options);
        var config = new ConsumerConfig
        {
            FilterSubject = KvNames.Subject(bucket.Bucket, keys),
            HeadersOnly = options.MetaOnly,
            DeliverPolicy = options switch
            {
                { UpdatesOnly: true } => DeliverPolicy.New,
                { IncludeHistory: true } => DeliverPolicy.All,
                _ => DeliverPolicy.LastPerSubject,
            },
        };
        watcher._consumer = await NatsOrderedConsumer.StartAsync(bucket.JetStream, bucket.StreamName, config, watcher.OnMessageAsync, cancellationToken).ConfigureAwait(false);
        // When the connection closes the consumer stops; enumerations then end instead of waiting for ever.
        _ = watcher._consumer.Stopped.ContinueWith(_ => watcher._entries.Writer.TryComplete(), TaskScheduler.Default);
        return watcher;
    }

    private ValueTask OnMessageAsync(NatsMsg msg, JsMsgMetadata metadata, CancellationToken cancellationToken)
    {
        var operation = KvEntry.OperationOf(msg.Headers);
        if (_options.IgnoreDeletes && operation != KvOperation.Put) return ValueTask.CompletedTask;
        var entry = new KvEntry(_bucket.Bucket, KvNames.KeyOf(_bucket.Bucket, msg.Subject), msg.Data, metadata.StreamSequence, metadata.Timestamp, metadata.Pending, operation);
        return _entries.Writer.WriteAsync(entry, cancellationToken);
    }

    public IAsyncEnumerator<KvEntry> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _entries.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_consumer is not null) await _consumer.DisposeAsync().ConfigureAwait(false);
        _entries.Writer.TryComplete();
    }
}
