using System.Text;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>
/// <c>wasmcloud:messaging@0.2.0</c> through the builtin messaging-nats provider and a real nats-server:
/// examples/messaging-echo is handed the messages of its link's subscriptions and answers through
/// <c>consumer.publish</c>, with component and provider on one host and on two.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class MessagingTests : InProcessHosts
{
    private static readonly string Echo = "file://" + Repository.PathOf("examples/messaging-echo/echo.wasm");

    [Theory]
    [InlineData("one host")]
    [InlineData("two hosts")]
    public async Task Messages_on_the_subscribed_subjects_reach_the_handler_and_its_answers_are_published(string placement)
    {
        var componentHost = await StartHostAsync();
        var providerHost = placement == "one host" ? componentHost : await StartHostAsync();
        await ScaleComponentAsync(componentHost, "echo", Echo, 4);
        await StartProviderAsync(providerHost, "msg", "ghcr.io/wasmcloud/messaging-nats:0.27.0");
        Assert.True((await Ctl.PutConfigAsync("echo-subscriptions", new Dictionary<string, string> { ["subscriptions"] = "demo.in, demo.other" })).Success);
        await LinkMessagingAsync("msg", "echo", ["echo-subscriptions"]);

        // A request: the handler answers on its reply subject.
        string? answer = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); answer is null && DateTime.UtcNow < deadline;)
        {
            try
            {
                var reply = await Client.RequestAsync<byte[], byte[]>("demo.in", Encoding.UTF8.GetBytes("hello"), replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(2) });
                if (!reply.HasNoResponders) answer = Encoding.UTF8.GetString(reply.Data ?? []);
                else await Task.Delay(100);
            }
            catch (Exception e) when (e is NatsNoReplyException or NatsNoRespondersException)
            {
                await Task.Delay(100);
            }
        }
        Assert.Equal("HELLO", answer);

        // A plain message: the answer goes to `{subject}.echo`; every subscribed subject is handed over.
        await using var echoes = await Client.SubscribeCoreAsync<byte[]>("demo.*.echo");
        await Client.PingAsync();
        await Client.PublishAsync("demo.other", Encoding.UTF8.GetBytes("quiet"));
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var echoed = await echoes.Msgs.ReadAsync(wait.Token);
        Assert.Equal(("demo.other.echo", "QUIET"), (echoed.Subject, Encoding.UTF8.GetString(echoed.Data ?? [])));
        if (placement == "two hosts") Assert.True(componentHost.Links.RemoteCalls > 0);
    }

    /// <summary>
    /// A link's <c>CLUSTER_URIS</c> (upstream's spelling, as its README writes the keys) moves its messages to another
    /// NATS server, and they flow again once that server has been stopped and started.
    /// </summary>
    [Fact]
    public async Task A_links_cluster_uris_put_its_messages_on_another_nats_server()
    {
        await using var other = await NatsServerProcess.StartAsync();
        var host = await StartHostAsync();
        await ScaleComponentAsync(host, "echo", Echo, 4);
        await StartProviderAsync(host, "msg", "wasmcloud+builtin://messaging-nats");
        var elsewhere = new Dictionary<string, string> { ["CLUSTER_URIS"] = $"127.0.0.1:{other.Port}" };
        Assert.True((await Ctl.PutConfigAsync("echo-elsewhere", new Dictionary<string, string>(elsewhere) { ["SUBSCRIPTIONS"] = "far.in" })).Success);
        Assert.True((await Ctl.PutConfigAsync("publish-elsewhere", elsewhere)).Success);
        await LinkMessagingAsync("msg", "echo", ["echo-elsewhere"], ["publish-elsewhere"]);

        await using var client = new NatsConnection(new NatsOpts { Url = other.Url });
        await using var echoes = await client.SubscribeCoreAsync<byte[]>("far.in.echo");
        await client.PingAsync();
        var echoed = await Republish.UntilAnsweredAsync(client, echoes, "far.in", "over there");
        Assert.Equal("OVER THERE", Encoding.UTF8.GetString(echoed.Data ?? []));
        // The lattice's own NATS never saw it.
        await using var local = await Client.SubscribeCoreAsync<byte[]>("far.>");
        await Client.PingAsync();
        await client.PublishAsync("far.in", Encoding.UTF8.GetBytes("again"));
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await local.Msgs.ReadAsync(quiet.Token));

        // That server stopped mid-test and started again: the provider's connection comes back with its subscriptions.
        await other.KillAsync();
        await using var restarted = await NatsServerProcess.StartAsync(port: other.Port);
        await using var echoesAgain = await client.SubscribeCoreAsync<byte[]>("far.in.echo");
        await client.PingAsync();
        var again = await Republish.UntilAnsweredAsync(client, echoesAgain, "far.in", "back again");
        Assert.Equal("BACK AGAIN", Encoding.UTF8.GetString(again.Data ?? []));
    }
}
