using System.Text;
using WasmCloud.Nats.JetStream;

namespace WasmCloud.Nats.Tests;

public sealed class JetStreamTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Stream_lifecycle_create_info_update_purge_delete()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection, Timeouts.Long);

        var created = await js.CreateStreamAsync(new StreamConfig { Name = "ORDERS", Subjects = ["orders.>"] });
        Assert.Equal("ORDERS", created.Config.Name);
        await js.PublishAsync("orders.1", Bytes("a"));
        await js.PublishAsync("orders.2", Bytes("b"));
        Assert.Equal(2UL, (await js.GetStreamInfoAsync("ORDERS")).State.Messages);

        var updated = await js.UpdateStreamAsync(created.Config with { MaxMsgsPerSubject = 5, Description = "orders" });
        Assert.Equal(5, updated.Config.MaxMsgsPerSubject);

        Assert.Equal(1UL, await js.PurgeStreamAsync("ORDERS", new StreamPurgeRequest { Filter = "orders.1" }));
        Assert.Equal(1UL, (await js.GetStreamInfoAsync("ORDERS")).State.Messages);

        await js.DeleteStreamAsync("ORDERS");
        var missing = await Assert.ThrowsAsync<NatsJetStreamException>(() => js.GetStreamInfoAsync("ORDERS"));
        Assert.Equal(NatsJetStreamException.Codes.StreamNotFound, missing.ErrorCode);
    }

    [Fact]
    public async Task Publish_with_message_id_is_stored_once()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection, Timeouts.Long);
        await js.CreateStreamAsync(new StreamConfig { Name = "DEDUP", Subjects = ["dedup"], DuplicateWindow = TimeSpan.FromMinutes(1) });

        var first = await js.PublishAsync("dedup", Bytes("x"), messageId: "id-1");
        var again = await js.PublishAsync("dedup", Bytes("x"), messageId: "id-1");
        var other = await js.PublishAsync("dedup", Bytes("y"), messageId: "id-2");

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        Assert.Equal(first.Seq + 1, other.Seq);
        Assert.Equal(2UL, (await js.GetStreamInfoAsync("DEDUP")).State.Messages);
    }

    [Fact]
    public async Task Stored_messages_can_be_read_by_sequence_and_by_subject_directly_and_through_the_leader()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection, Timeouts.Long);
        await js.CreateStreamAsync(new StreamConfig { Name = "READ", Subjects = ["read.*"], AllowDirect = true });
        var ack = await js.PublishAsync("read.a", Bytes("one"), new NatsHeaders().Add("X-Tag", "t1"));
        await js.PublishAsync("read.a", Bytes("two"));

        var bySequence = await js.GetMessageAsync("READ", ack.Seq);
        Assert.Equal("one", Encoding.UTF8.GetString(bySequence.Data.Span));
        Assert.Equal("t1", bySequence.Headers!["X-Tag"]);
        Assert.Equal("two", Encoding.UTF8.GetString((await js.GetLastMessageAsync("READ", "read.a")).Data.Span));

        var direct = await js.DirectGetLastAsync("READ", "read.a");
        Assert.Equal("two", Encoding.UTF8.GetString(direct!.Data.Span));
        Assert.Equal(ack.Seq + 1, direct.Sequence);
        Assert.Equal("one", Encoding.UTF8.GetString((await js.DirectGetAsync("READ", ack.Seq))!.Data.Span));
        Assert.Null(await js.DirectGetLastAsync("READ", "read.none"));
        var noMessage = await Assert.ThrowsAsync<NatsJetStreamException>(() => js.GetLastMessageAsync("READ", "read.none"));
        Assert.Equal(NatsJetStreamException.Codes.NoMessageFound, noMessage.ErrorCode);
    }

    [Fact]
    public async Task Consumers_can_be_created_inspected_and_deleted()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection, Timeouts.Long);
        await js.CreateStreamAsync(new StreamConfig { Name = "CONS", Subjects = ["cons.>"] });
        await js.PublishAsync("cons.1", Bytes("a"));

        var durable = await js.CreateConsumerAsync("CONS", new ConsumerConfig { DurableName = "worker", FilterSubject = "cons.>" });
        Assert.Equal("worker", durable.Name);
        Assert.Equal(1UL, (await js.GetConsumerInfoAsync("CONS", "worker")).NumPending);

        var ephemeral = await js.CreateConsumerAsync("CONS", new ConsumerConfig { DeliverSubject = connection.NewInbox(), AckPolicy = AckPolicy.None });
        Assert.False(string.IsNullOrEmpty(ephemeral.Name));

        await js.DeleteConsumerAsync("CONS", "worker");
        var gone = await Assert.ThrowsAsync<NatsJetStreamException>(() => js.GetConsumerInfoAsync("CONS", "worker"));
        Assert.Equal(NatsJetStreamException.Codes.ConsumerNotFound, gone.ErrorCode);
    }

    [Fact]
    public async Task Publishing_to_a_subject_without_stream_reports_no_responders()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection, Timeouts.Long);
        await Assert.ThrowsAsync<NatsNoRespondersException>(() => js.PublishAsync("no.stream.here", Bytes("x")));
    }
}
