using System.Text;
using WasmCloud.Nats.JetStream;
using WasmCloud.Nats.KeyValue;

namespace WasmCloud.Nats.Tests;

public sealed class KeyValueTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
    private static string Text(KvEntry entry) => Encoding.UTF8.GetString(entry.Value.Span);

    private async Task<(NatsConnection Connection, NatsKeyValue Kv)> BucketAsync(string name, int history = 1)
    {
        var connection = await fixture.ConnectAsync();
        var kv = await NatsKeyValue.CreateBucketAsync(new NatsJetStream(connection, Timeouts.Long), new KvConfig { Bucket = name, History = history });
        return (connection, kv);
    }

    [Fact]
    public async Task Put_get_delete_and_purge()
    {
        var (connection, kv) = await BucketAsync("basic", history: 5);
        await using var _ = connection;

        ulong first = await kv.PutAsync("color", Bytes("red"));
        ulong second = await kv.PutAsync("color", Bytes("blue"));
        Assert.True(second > first);
        var entry = await kv.GetAsync("color");
        Assert.Equal("blue", Text(entry!));
        Assert.Equal(second, entry!.Revision);
        Assert.Null(await kv.GetAsync("missing"));

        await kv.DeleteAsync("color");
        Assert.Null(await kv.GetAsync("color"));
        Assert.Equal([KvOperation.Put, KvOperation.Put, KvOperation.Delete], (await kv.GetHistoryAsync("color")).Select(e => e.Operation));

        await kv.PutAsync("color", Bytes("green"));
        await kv.PurgeAsync("color");
        Assert.Null(await kv.GetAsync("color"));
        Assert.Equal([KvOperation.Purge], (await kv.GetHistoryAsync("color")).Select(e => e.Operation));
    }

    [Fact]
    public async Task Create_and_update_compare_and_set_on_the_revision()
    {
        var (connection, kv) = await BucketAsync("cas");
        await using var _ = connection;

        ulong created = await kv.CreateAsync("lock", Bytes("owner-a"));
        await Assert.ThrowsAsync<NatsKvKeyExistsException>(() => kv.CreateAsync("lock", Bytes("owner-b")));

        ulong updated = await kv.UpdateAsync("lock", Bytes("owner-a2"), created);
        var stale = await Assert.ThrowsAsync<NatsKvWrongRevisionException>(() => kv.UpdateAsync("lock", Bytes("owner-b"), created));
        Assert.Equal(NatsJetStreamException.Codes.WrongLastSequence, stale.ErrorCode);
        Assert.Equal("owner-a2", Text((await kv.GetAsync("lock"))!));

        // Once deleted, the key may be created again.
        await kv.DeleteAsync("lock");
        ulong recreated = await kv.CreateAsync("lock", Bytes("owner-c"));
        Assert.True(recreated > updated);
    }

    [Fact]
    public async Task Keys_lists_only_keys_with_values()
    {
        var (connection, kv) = await BucketAsync("keys");
        await using var _ = connection;
        Assert.Empty(await kv.GetKeysAsync());

        await kv.PutAsync("a", Bytes("1"));
        await kv.PutAsync("b.c", Bytes("2"));
        await kv.PutAsync("d", Bytes("3"));
        await kv.DeleteAsync("d");

        Assert.Equal(["a", "b.c"], (await kv.GetKeysAsync()).Order());
    }

    [Fact]
    public async Task Bind_finds_an_existing_bucket_and_fails_for_a_missing_one()
    {
        var (connection, kv) = await BucketAsync("bindme");
        await using var _ = connection;
        await kv.PutAsync("k", Bytes("v"));
        var js = new NatsJetStream(connection, Timeouts.Long);

        var bound = await NatsKeyValue.BindAsync(js, "bindme");
        Assert.Equal("v", Text((await bound.GetAsync("k"))!));
        await Assert.ThrowsAsync<NatsJetStreamException>(() => NatsKeyValue.BindAsync(js, "nosuchbucket"));
        await Assert.ThrowsAsync<ArgumentException>(() => kv.PutAsync("bad key", Bytes("v")));
    }

    [Fact]
    public async Task Watch_gives_current_values_then_live_updates_for_matching_keys()
    {
        var (connection, kv) = await BucketAsync("watch", history: 3);
        await using var _ = connection;
        await kv.PutAsync("host.1", Bytes("old"));
        await kv.PutAsync("host.1", Bytes("up"));
        await kv.PutAsync("host.2", Bytes("up"));
        await kv.PutAsync("other", Bytes("ignored"));

        await using var watcher = await kv.WatchAsync("host.*");
        var entries = watcher.Entries;
        var initial = new[] { await entries.ReadAsync(Timeouts.Token()), await entries.ReadAsync(Timeouts.Token()) };
        Assert.Equal(["host.1=up", "host.2=up"], initial.Select(e => $"{e.Key}={Text(e)}").Order());
        Assert.Equal(0UL, initial[1].Delta);
        await watcher.InitialValuesDone.Within();

        await kv.PutAsync("host.3", Bytes("new"));
        await kv.PutAsync("other", Bytes("still ignored"));
        await kv.DeleteAsync("host.1");

        var live = await entries.ReadAsync(Timeouts.Token());
        Assert.Equal(("host.3", "new", KvOperation.Put), (live.Key, Text(live), live.Operation));
        var deleted = await entries.ReadAsync(Timeouts.Token());
        Assert.Equal(("host.1", KvOperation.Delete), (deleted.Key, deleted.Operation));
    }

    [Fact]
    public async Task Watch_of_an_empty_bucket_is_caught_up_at_once()
    {
        var (connection, kv) = await BucketAsync("emptywatch");
        await using var _ = connection;
        await using var watcher = await kv.WatchAsync();
        await watcher.InitialValuesDone.Within();
        await kv.PutAsync("first", Bytes("1"));
        Assert.Equal("first", (await watcher.Entries.ReadAsync(Timeouts.Token())).Key);
    }

    [Fact]
    public async Task Watch_ends_when_the_connection_closes()
    {
        var (connection, kv) = await BucketAsync("closingwatch");
        await using var watcher = await kv.WatchAsync();
        await watcher.InitialValuesDone.Within();

        await connection.DisposeAsync();

        Assert.False(await watcher.Entries.WaitToReadAsync(Timeouts.Token()));
    }

    [Fact]
    public async Task Bucket_settings_map_onto_its_stream()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection, Timeouts.Long);
        await NatsKeyValue.CreateBucketAsync(js, new KvConfig { Bucket = "settings", History = 7, Ttl = TimeSpan.FromSeconds(30), Storage = StorageType.Memory });

        var stream = (await js.GetStreamInfoAsync("KV_settings")).Config;
        Assert.Equal(["$KV.settings.>"], stream.Subjects);
        Assert.Equal(7, stream.MaxMsgsPerSubject);
        Assert.Equal(TimeSpan.FromSeconds(30), stream.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(30), stream.DuplicateWindow);
        Assert.Equal(StorageType.Memory, stream.Storage);
        Assert.True(stream.AllowRollupHdrs && stream.DenyDelete && stream.AllowDirect);
        Assert.Equal(DiscardPolicy.New, stream.Discard);

        // Creating again with other settings updates the bucket.
        await NatsKeyValue.CreateBucketAsync(js, new KvConfig { Bucket = "settings", History = 3, Ttl = TimeSpan.FromSeconds(30), Storage = StorageType.Memory });
        Assert.Equal(3, (await js.GetStreamInfoAsync("KV_settings")).Config.MaxMsgsPerSubject);
    }

    [Fact]
    public async Task Watch_of_megabytes_of_values_gets_through_flow_control()
    {
        var (connection, kv) = await BucketAsync("bulk");
        await using var _ = connection;
        const int keys = 300;
        var value = new byte[16 * 1024];
        for (int i = 0; i < keys; i++)
            await kv.PutAsync($"k{i}", value);

        await using var watcher = await kv.WatchAsync();
        int received = 0;
        await foreach (var entry in watcher.WithCancellation(Timeouts.Token()))
        {
            Assert.Equal($"k{received}", entry.Key);
            Assert.Equal(value.Length, entry.Value.Length);
            if (++received == keys) break;
        }
    }

    [Fact]
    public async Task Watch_recovers_from_messages_dropped_by_a_slow_reader_without_gaps_or_repeats()
    {
        // A tiny subscription buffer and a reader that starts late force the watch's subscription to drop messages.
        await using var connection = await fixture.ConnectAsync(new NatsOptions { SubscriptionCapacity = 4 });
        var kv = await NatsKeyValue.CreateBucketAsync(new NatsJetStream(connection, Timeouts.Long), new KvConfig { Bucket = "gaps" });
        const int keys = 1500;
        for (int i = 0; i < keys; i++)
            await kv.PutAsync($"k{i}", Bytes(i.ToString()));

        await using var watcher = await kv.WatchAsync();
        await Eventually.TrueAsync(() => watcher.Entries.Count >= 1024, Timeouts.Long, "the watch's own buffer to fill up");
        int received = 0;
        await foreach (var entry in watcher.WithCancellation(Timeouts.Token()))
        {
            Assert.Equal($"k{received}", entry.Key);
            if (++received == keys) break;
        }
    }
}
