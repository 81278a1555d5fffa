namespace WasmCloud.Nats.Tests;

public sealed class ReconnectTests
{
    private static NatsOptions FastReconnect(int port) => new()
    {
        Servers = [$"nats://127.0.0.1:{port}"],
        ReconnectWait = TimeSpan.FromMilliseconds(50),
        MaxReconnectWait = TimeSpan.FromMilliseconds(500),
    };

    private static Task<NatsConnectionEvent> NextEvent(NatsConnection connection, NatsConnectionEventKind kind)
    {
        var seen = new TaskCompletionSource<NatsConnectionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Events += e => { if (e.Kind == kind) seen.TrySetResult(e); };
        return seen.Task;
    }

    [Fact]
    public async Task Restarted_server_gets_resubscriptions_and_the_publishes_buffered_meanwhile()
    {
        int port = NatsServerProcess.FreePort();
        var server = await NatsServerProcess.StartAsync(port: port);
        await using var connection = await NatsConnection.ConnectAsync(FastReconnect(port));
        await using var subscription = await connection.SubscribeAsync("survive.>");
        await connection.FlushAsync(Timeouts.Token());
        var disconnected = NextEvent(connection, NatsConnectionEventKind.Disconnected);
        var reconnected = NextEvent(connection, NatsConnectionEventKind.Reconnected);

        await server.DisposeAsync();
        await disconnected.Within();
        await connection.PublishAsync("survive.buffered", "during outage"u8.ToArray());
        var flushed = connection.FlushAsync(Timeouts.Token()); // answered once the server is back

        await using var restarted = await NatsServerProcess.StartAsync(port: port);
        await reconnected.Within();
        await flushed;
        await connection.PublishAsync("survive.after", "after"u8.ToArray());

        Assert.Equal("survive.buffered", (await subscription.NextAsync()).Subject);
        Assert.Equal("survive.after", (await subscription.NextAsync()).Subject);
        Assert.Equal(NatsConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task Outage_buffer_is_bounded()
    {
        int port = NatsServerProcess.FreePort();
        var server = await NatsServerProcess.StartAsync(port: port);
        await using var connection = await NatsConnection.ConnectAsync(FastReconnect(port) with { ReconnectBufferSize = 4096 });
        var disconnected = NextEvent(connection, NatsConnectionEventKind.Disconnected);
        await server.DisposeAsync();
        await disconnected.Within();

        await connection.PublishAsync("small", new byte[1000]);
        await Assert.ThrowsAsync<NatsReconnectBufferFullException>(async () => await connection.PublishAsync("big", new byte[5000]));
    }

    [Fact]
    public async Task Closing_raises_closed_and_fails_later_calls()
    {
        await using var server = await NatsServerProcess.StartAsync();
        var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [server.Url] });
        var closed = NextEvent(connection, NatsConnectionEventKind.Closed);
        var subscription = await connection.SubscribeAsync("x");

        await connection.DisposeAsync();

        await closed.Within();
        Assert.False(await subscription.Messages.WaitToReadAsync(Timeouts.Token()));
        await Assert.ThrowsAsync<NatsConnectionClosedException>(() => connection.RequestAsync("x", ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public async Task Server_that_stops_answering_pings_is_dropped_and_rejoined_when_it_answers_again()
    {
        await using var server = await NatsServerProcess.StartAsync();
        await using var connection = await NatsConnection.ConnectAsync(FastReconnect(server.Port) with
        {
            PingInterval = TimeSpan.FromMilliseconds(100),
            MaxPingsOutstanding = 2,
            ConnectTimeout = TimeSpan.FromMilliseconds(500),
        });
        await using var subscription = await connection.SubscribeAsync("frozen");
        var disconnected = NextEvent(connection, NatsConnectionEventKind.Disconnected);
        var reconnected = NextEvent(connection, NatsConnectionEventKind.Reconnected);

        await server.PauseAsync();
        Assert.Contains("stale", (await disconnected.Within()).Message);
        await server.ResumeAsync();
        await reconnected.Within();

        await connection.PublishAsync("frozen", "thawed"u8.ToArray());
        Assert.Equal("thawed"u8.ToArray(), (await subscription.NextAsync()).Data.ToArray());
    }
}
