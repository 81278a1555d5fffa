using System.Text;

namespace WasmCloud.Nats.Tests;

public sealed class PubSubTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
    private static string Text(NatsMsg msg) => Encoding.UTF8.GetString(msg.Data.Span);

    [Fact]
    public async Task Published_message_reaches_subscriber_on_another_connection()
    {
        await using var subscriber = await fixture.ConnectAsync();
        await using var publisher = await fixture.ConnectAsync();
        await using var subscription = await subscriber.SubscribeAsync("greet.one");
        await subscriber.FlushAsync(Timeouts.Token());

        await publisher.PublishAsync("greet.one", Bytes("hello"));

        var msg = await subscription.NextAsync();
        Assert.Equal("greet.one", msg.Subject);
        Assert.Equal("hello", Text(msg));
        Assert.Null(msg.Headers);
    }

    [Fact]
    public async Task Wildcards_match_one_token_or_the_rest()
    {
        await using var connection = await fixture.ConnectAsync();
        await using var oneToken = await connection.SubscribeAsync("wild.*.end");
        await using var rest = await connection.SubscribeAsync("wild.>");

        await connection.PublishAsync("wild.a.end", Bytes("1"));
        await connection.PublishAsync("wild.a.b.end", Bytes("2"));
        await connection.FlushAsync(Timeouts.Token());

        Assert.Equal("wild.a.end", (await oneToken.NextAsync()).Subject);
        Assert.False(oneToken.Messages.TryRead(out _));
        Assert.Equal("1", Text(await rest.NextAsync()));
        Assert.Equal("2", Text(await rest.NextAsync()));
    }

    [Fact]
    public async Task Queue_group_spreads_messages_over_its_members_without_duplicates()
    {
        await using var memberA = await fixture.ConnectAsync();
        await using var memberB = await fixture.ConnectAsync();
        await using var publisher = await fixture.ConnectAsync();
        await using var subA = await memberA.SubscribeAsync("work", "workers");
        await using var subB = await memberB.SubscribeAsync("work", "workers");
        await memberA.FlushAsync(Timeouts.Token());
        await memberB.FlushAsync(Timeouts.Token());

        const int total = 400;
        for (int i = 0; i < total; i++)
            await publisher.PublishAsync("work", Bytes(i.ToString()));
        await publisher.FlushAsync(Timeouts.Token());

        var counts = new int[2];
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counting = new[] { subA, subB }.Select((subscription, member) => Task.Run(async () =>
        {
            await foreach (var _ in subscription)
                if (Interlocked.Increment(ref counts[member]) + Volatile.Read(ref counts[1 - member]) == total)
                    allArrived.TrySetResult();
        })).ToList();
        await allArrived.Task.Within();
        await subA.UnsubscribeAsync();
        await subB.UnsubscribeAsync();
        await Task.WhenAll(counting).Within();
        int countA = counts[0], countB = counts[1];
        Assert.Equal(total, countA + countB);
        Assert.True(countA > 0 && countB > 0, $"load not spread: {countA}/{countB}");
    }

    [Fact]
    public async Task Request_gets_the_reply_of_a_responder()
    {
        await using var responder = await fixture.ConnectAsync();
        await using var requester = await fixture.ConnectAsync();
        await using var service = await responder.SubscribeAsync("svc.echo");
        await responder.FlushAsync(Timeouts.Token());
        var serving = Task.Run(async () =>
        {
            await foreach (var request in service)
                await request.ReplyAsync(Bytes("re:" + Text(request)));
        });

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => requester.RequestAsync("svc.echo", Bytes($"q{i}"), timeout: Timeouts.Long)));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"re:q{i}"), replies.Select(Text));
        await service.UnsubscribeAsync();
        await serving.Within();
    }

    [Fact]
    public async Task Request_without_responders_fails_with_its_own_exception()
    {
        await using var connection = await fixture.ConnectAsync();
        var error = await Assert.ThrowsAsync<NatsNoRespondersException>(() => connection.RequestAsync("nobody.home", Bytes("?"), timeout: Timeouts.Long));
        Assert.Equal("nobody.home", error.Subject);
    }

    [Fact]
    public async Task Request_times_out_when_the_responder_stays_silent()
    {
        await using var connection = await fixture.ConnectAsync();
        await using var silent = await connection.SubscribeAsync("silent");
        await Assert.ThrowsAsync<NatsTimeoutException>(() => connection.RequestAsync("silent", Bytes("?"), timeout: TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Request_can_be_cancelled()
    {
        await using var connection = await fixture.ConnectAsync();
        await using var silent = await connection.SubscribeAsync("silent.cancel");
        using var cancel = new CancellationTokenSource();
        var request = connection.RequestAsync("silent.cancel", Bytes("?"), timeout: Timeouts.Long, cancellationToken: cancel.Token);
        await silent.NextAsync();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }

    [Fact]
    public async Task Headers_travel_with_the_message()
    {
        await using var connection = await fixture.ConnectAsync();
        await using var subscription = await connection.SubscribeAsync("with.headers");
        var headers = new NatsHeaders().Add("X-Trace", "abc").Add("X-Multi", "1").Add("X-Multi", "2");

        await connection.PublishAsync("with.headers", Bytes("body"), headers);

        var msg = await subscription.NextAsync();
        Assert.Equal("body", Text(msg));
        Assert.Equal("abc", msg.Headers!["x-trace"]);
        Assert.Equal(["1", "2"], msg.Headers.GetValues("X-Multi"));
        Assert.Equal(0, msg.Headers.StatusCode);
    }

    [Fact]
    public async Task Payload_up_to_max_payload_is_delivered_and_beyond_it_refused()
    {
        await using var connection = await fixture.ConnectAsync();
        await using var subscription = await connection.SubscribeAsync("big");
        long max = connection.ServerInfo.MaxPayload;
        var payload = new byte[max];
        Random.Shared.NextBytes(payload);

        await connection.PublishAsync("big", payload);
        var msg = await subscription.NextAsync();
        Assert.True(payload.AsSpan().SequenceEqual(msg.Data.Span));

        var error = Assert.Throws<NatsMaxPayloadException>(() => { _ = connection.PublishAsync("big", new byte[max + 1]); });
        Assert.Equal(max, error.MaxPayload);
        await connection.FlushAsync(Timeouts.Token()); // the connection is still fine
    }

    [Fact]
    public async Task Subscription_with_a_maximum_ends_after_that_many_messages()
    {
        await using var connection = await fixture.ConnectAsync();
        var subscription = await connection.SubscribeAsync("limited", maxMessages: 3);
        for (int i = 0; i < 5; i++)
            await connection.PublishAsync("limited", Bytes(i.ToString()));

        var received = new List<string>();
        await foreach (var msg in subscription.WithCancellation(Timeouts.Token()))
            received.Add(Text(msg));
        Assert.Equal(["0", "1", "2"], received);
    }

    [Fact]
    public async Task Unsubscribed_subscription_receives_nothing_more()
    {
        await using var connection = await fixture.ConnectAsync();
        var subscription = await connection.SubscribeAsync("gone");
        await subscription.UnsubscribeAsync();
        await connection.PublishAsync("gone", Bytes("x"));
        await connection.FlushAsync(Timeouts.Token());
        Assert.False(await subscription.Messages.WaitToReadAsync(Timeouts.Token()));
    }

    [Fact]
    public async Task Invalid_subjects_and_queue_groups_are_rejected_before_the_wire()
    {
        await using var connection = await fixture.ConnectAsync();
        Assert.Throws<ArgumentException>(() => { _ = connection.PublishAsync("has space", Bytes("x")); });
        Assert.Throws<ArgumentException>(() => { _ = connection.PublishAsync("wild.*", Bytes("x")); });
        Assert.Throws<ArgumentException>(() => { _ = connection.PublishAsync("double..dot", Bytes("x")); });
        await Assert.ThrowsAsync<ArgumentException>(async () => await connection.SubscribeAsync("a.>.b"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await connection.SubscribeAsync("a.b*"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await connection.SubscribeAsync("ok", "bad group"));
        await connection.FlushAsync(Timeouts.Token());
    }

    [Fact]
    public async Task Slow_consumer_drops_newest_messages_counts_them_and_raises_an_event()
    {
        await using var connection = await fixture.ConnectAsync(new NatsOptions { SubscriptionCapacity = 10 });
        var slow = new TaskCompletionSource<NatsConnectionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Events += e => { if (e.Kind == NatsConnectionEventKind.SlowConsumer) slow.TrySetResult(e); };
        await using var subscription = await connection.SubscribeAsync("flood");

        for (int i = 0; i < 100; i++)
            await connection.PublishAsync("flood", Bytes(i.ToString()));
        await connection.FlushAsync(Timeouts.Token());

        Assert.Equal(90, subscription.DroppedMessages);
        Assert.Same(subscription, (await slow.Task.Within()).Subscription);
        Assert.Equal("0", Text(await subscription.NextAsync())); // the oldest were kept
    }

    [Fact]
    public async Task Drain_delivers_what_is_in_flight_then_closes()
    {
        var connection = await fixture.ConnectAsync();
        var subscription = await connection.SubscribeAsync("drain.me");
        for (int i = 0; i < 20; i++)
            await connection.PublishAsync("drain.me", Bytes(i.ToString()));

        await connection.DrainAsync(Timeouts.Token());

        int count = 0;
        await foreach (var _ in subscription.WithCancellation(Timeouts.Token())) count++;
        Assert.Equal(20, count);
        Assert.Equal(NatsConnectionState.Closed, connection.State);
        await Assert.ThrowsAsync<NatsConnectionClosedException>(async () => await connection.PublishAsync("drain.me", Bytes("late")));
    }
}
