using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Tests;

/// <summary>
/// <c>wasmcloud:messaging@0.3.0</c> (examples/messaging-request-reply: replies, requests with options, metadata,
/// client names), JetStream consumers as a handler link's source, and a provider's link to a NATS server that wants a
/// user's JWT and seed over TLS from a private authority — all through the builtin messaging-nats provider.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class MessagingRequestReplyTests : InProcessHosts
{
    private static readonly string RequestReply = "file://" + Repository.PathOf("examples/messaging-request-reply/handler.wasm");
    private static readonly string Echo = "file://" + Repository.PathOf("examples/messaging-echo/echo.wasm");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("one host")]
    [InlineData("two hosts")]
    public async Task A_0_3_component_replies_requests_and_sends_through_the_provider(string placement)
    {
        var componentHost = await StartHostAsync();
        var providerHost = placement == "one host" ? componentHost : await StartHostAsync();
        await ScaleComponentAsync(componentHost, "rr", RequestReply, 4);
        await StartProviderAsync(providerHost, "msg", "ghcr.io/wasmcloud/messaging-nats:0.27.0");
        Assert.True((await Ctl.PutConfigAsync("rr-subscriptions", new Dictionary<string, string> { ["subscriptions"] = "rr.*" })).Success);
        await LinkMessagingAsync("msg", "rr", ["rr-subscriptions"]);
        var local = placement == "one host";

        // A reply; metadata travels as NATS headers where component and provider share a host (0.2.0's wRPC message has none).
        var echoed = await FirstAnswerAsync("rr.echo", "hello", new NatsHeaders { ["trace-id"] = "t-1" });
        Assert.Equal("HELLO", Encoding.UTF8.GetString(echoed.Data ?? []));
        if (local)
        {
            Assert.Equal("request-reply", echoed.Headers?["handled-by"].ToString());
            Assert.Equal("t-1", echoed.Headers?["trace-id"].ToString());
        }
        else Assert.False(echoed.Headers?.ContainsKey("handled-by") ?? false);

        // Requests with options: two answerers and two expected replies; nobody listening; a listener that never answers.
        await using var first = await Client.SubscribeCoreAsync<byte[]>("backend.two");
        await using var second = await Client.SubscribeCoreAsync<byte[]>("backend.two");
        await using var silent = await Client.SubscribeCoreAsync<byte[]>("backend.silent");
        await Client.PingAsync();
        using var stop = new CancellationTokenSource();
        var answering = Task.WhenAll(AnswerAllAsync(first, "a", stop.Token), AnswerAllAsync(second, "b", stop.Token));
        var relayed = await RelayAsync(new { topic = "backend.two", expect = 2, timeoutMs = 5000 });
        var replies = relayed.GetProperty("replies").EnumerateArray().Select(r => r.GetString()).Order().ToList();
        if (local) Assert.Equal(["a", "b"], replies);
        else Assert.True(replies is ["a"] or ["b"], $"over wRPC a request has one reply: {string.Join(",", replies)}");
        await stop.CancelAsync();
        await answering;

        var nobody = (await RelayAsync(new { topic = "backend.none", timeoutMs = 500 })).GetProperty("error");
        Assert.Equal("other", nobody.GetProperty("tag").GetString());
        Assert.Contains("no responders", nobody.GetProperty("val").GetString());
        var unanswered = (await RelayAsync(new { topic = "backend.silent", timeoutMs = 300 })).GetProperty("error");
        if (local) Assert.Equal("timeout", unanswered.GetProperty("tag").GetString());
        else Assert.Contains("no reply", unanswered.GetProperty("val").GetString());

        // A client must be named as the link is.
        var mismatch = (await AnswerJsonAsync("rr.mismatch", "")).GetProperty("error");
        Assert.Equal("other", mismatch.GetProperty("tag").GetString());
        Assert.Equal("mismatch between link name and client connection name, `other` != `default`", mismatch.GetProperty("val").GetString());

        // send, and a reply to a message that has no reply subject.
        await using var outs = await Client.SubscribeCoreAsync<byte[]>("rr.*.out");
        await Client.PingAsync();
        await Client.PublishAsync("rr.send", Encoding.UTF8.GetBytes("payload"), local ? new NatsHeaders { ["origin"] = "test" } : null);
        using var wait = new CancellationTokenSource(Patience);
        var sent = await outs.Msgs.ReadAsync(wait.Token);
        Assert.Equal(("rr.send.out", "payload"), (sent.Subject, Encoding.UTF8.GetString(sent.Data ?? [])));
        if (local) Assert.Equal(("test", "request-reply"), (sent.Headers?["origin"].ToString(), sent.Headers?["sent-by"].ToString()));
        await Client.PublishAsync("rr.orphan", Encoding.UTF8.GetBytes(""));
        var orphan = await outs.Msgs.ReadAsync(wait.Token);
        Assert.Equal("rr.orphan.out", orphan.Subject);
        var orphanError = JsonDocument.Parse(orphan.Data ?? []).RootElement.GetProperty("error");
        Assert.Equal(("other", "the message has no reply subject to answer on"), (orphanError.GetProperty("tag").GetString(), orphanError.GetProperty("val").GetString()));

        // A failing handler costs its own message only.
        await Client.PublishAsync("rr.fail", Encoding.UTF8.GetBytes("this one"));
        Assert.Equal("STILL HERE", Encoding.UTF8.GetString((await FirstAnswerAsync("rr.echo", "still here", null)).Data ?? []));
        if (!local) Assert.True(componentHost.Links.RemoteCalls > 0);
    }

    [Fact]
    public async Task A_links_jetstream_consumers_hand_over_every_message_and_acknowledge_it()
    {
        var host = await StartHostAsync();
        await ScaleComponentAsync(host, "echo", Echo, 4);
        await StartProviderAsync(host, "msg", "wasmcloud+builtin://messaging-nats");
        var jetStream = new NatsJSContext(Client);
        await jetStream.CreateStreamAsync(new StreamConfig("ORDERS", ["orders.*"]));
        await jetStream.CreateOrUpdateConsumerAsync("ORDERS", new ConsumerConfig("echo") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        await using var echoes = await Client.SubscribeCoreAsync<byte[]>("orders.*.echo");
        await Client.PingAsync();
        // Published before the link exists: a durable consumer keeps them until somebody takes them.
        for (var i = 1; i <= 5; i++) (await jetStream.PublishAsync($"orders.{i}", Encoding.UTF8.GetBytes($"order {i}"))).EnsureSuccess();
        Assert.True((await Ctl.PutConfigAsync("echo-orders", new Dictionary<string, string> { ["consumers"] = """[{"stream":"ORDERS","consumer":"echo","max_messages":2}]""" })).Success);
        await LinkMessagingAsync("msg", "echo", ["echo-orders"]);

        using var wait = new CancellationTokenSource(Patience);
        var seen = new List<string>();
        while (seen.Count < 5) seen.Add(Encoding.UTF8.GetString((await echoes.Msgs.ReadAsync(wait.Token)).Data ?? []));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"ORDER {i}"), seen.Order());
        var consumer = await jetStream.GetConsumerAsync("ORDERS", "echo");
        while (consumer.Info is not { NumAckPending: 0, Delivered.ConsumerSeq: >= 5 })
        {
            await Task.Delay(100, wait.Token);
            await consumer.RefreshAsync(wait.Token);
        }
    }

    [Fact]
    public async Task A_link_reaches_a_server_that_wants_a_users_jwt_and_seed_over_tls()
    {
        await using var secured = await SecuredNatsServer.StartAsync();
        var tls = NatsTlsOpts.Default with { Mode = TlsMode.Require, InsecureSkipVerify = true };
        await using (var anonymous = new NatsConnection(new NatsOpts { Url = secured.Url, TlsOpts = tls, MaxReconnectRetry = 0 }))
            await Assert.ThrowsAnyAsync<NatsException>(async () => await anonymous.ConnectAsync());

        var host = await StartHostAsync();
        await ScaleComponentAsync(host, "echo", Echo, 4);
        await StartProviderAsync(host, "msg", "wasmcloud+builtin://messaging-nats");
        var credentials = new Dictionary<string, string>
        {
            ["cluster_uris"] = secured.Url, ["client_jwt"] = secured.UserJwt, ["client_seed"] = secured.UserSeed, ["tls_ca"] = secured.AuthorityPem,
            ["custom_inbox_prefix"] = "_SECURED_INBOX",
        };
        Assert.True((await Ctl.PutConfigAsync("secure-in", new Dictionary<string, string>(credentials) { ["subscriptions"] = "secure.in" })).Success);
        Assert.True((await Ctl.PutConfigAsync("secure-out", credentials)).Success);
        await LinkMessagingAsync("msg", "echo", ["secure-in"], ["secure-out"]);

        await using var user = new NatsConnection(new NatsOpts
        {
            Url = secured.Url, TlsOpts = tls, AuthOpts = NatsAuthOpts.Default with { Jwt = secured.UserJwt, Seed = secured.UserSeed },
        });
        await using var echoes = await user.SubscribeCoreAsync<byte[]>("secure.in.echo");
        await user.PingAsync();
        var echoed = await Republish.UntilAnsweredAsync(user, echoes, "secure.in", "secret");
        Assert.Equal("SECRET", Encoding.UTF8.GetString(echoed.Data ?? []));
    }

    [Fact]
    public async Task A_publish_the_server_forbids_is_permission_denied()
    {
        // A server whose `app` user may not publish below `forbidden.`; the link reaches it with credentials in its address.
        await using var limited = await NatsServerProcess.StartAsync(_ => """
            authorization { users = [
              { user: admin, password: admin },
              { user: app, password: app, permissions: { publish: { deny: ["forbidden.>"] } } }
            ] }
            """);
        var host = await StartHostAsync();
        await ScaleComponentAsync(host, "rr", RequestReply, 2);
        await StartProviderAsync(host, "msg", "wasmcloud+builtin://messaging-nats");
        var app = new Dictionary<string, string> { ["cluster_uris"] = $"nats://app:app@127.0.0.1:{limited.Port}" };
        Assert.True((await Ctl.PutConfigAsync("limited-in", new Dictionary<string, string>(app) { ["subscriptions"] = "rr.*" })).Success);
        Assert.True((await Ctl.PutConfigAsync("limited-out", app)).Success);
        await LinkMessagingAsync("msg", "rr", ["limited-in"], ["limited-out"]);

        await using var admin = new NatsConnection(new NatsOpts { Url = limited.Url, AuthOpts = NatsAuthOpts.Default with { Username = "admin", Password = "admin" } });
        await admin.ConnectAsync();
        var answer = await FirstAnswerAsync(admin, "rr.relay", JsonSerializer.Serialize(new { topic = "forbidden.orders", timeoutMs = 2000 }), null);
        var error = JsonDocument.Parse(answer.Data ?? []).RootElement.GetProperty("error");
        Assert.Equal("permission-denied", error.GetProperty("tag").GetString());
        Assert.Contains("Permissions Violation for Publish to \"forbidden.orders\"", error.GetProperty("val").GetString());
    }

    private async Task<JsonElement> RelayAsync(object request) => await AnswerJsonAsync("rr.relay", JsonSerializer.Serialize(request));

    private async Task<JsonElement> AnswerJsonAsync(string subject, string body) =>
        JsonDocument.Parse((await FirstAnswerAsync(subject, body, null)).Data ?? []).RootElement;

    /// <summary>A request answered by the component; retried while the provider's subscriptions are still being made.</summary>
    private Task<NatsMsg<byte[]>> FirstAnswerAsync(string subject, string body, NatsHeaders? headers) => FirstAnswerAsync(Client, subject, body, headers);

    private static async Task<NatsMsg<byte[]>> FirstAnswerAsync(INatsConnection client, string subject, string body, NatsHeaders? headers)
    {
        for (var deadline = DateTime.UtcNow + Patience; ;)
        {
            try
            {
                var reply = await client.RequestAsync<byte[], byte[]>(subject, Encoding.UTF8.GetBytes(body), headers, replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) });
                if (!reply.HasNoResponders) return reply;
            }
            catch (Exception e) when (e is NatsNoReplyException or NatsNoRespondersException && DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"nobody answered {subject}");
            await Task.Delay(100);
        }
    }

    private async Task AnswerAllAsync(INatsSub<byte[]> subscription, string answer, CancellationToken stop)
    {
        try
        {
            await foreach (var request in subscription.Msgs.ReadAllAsync(stop))
                await request.ReplyAsync(Encoding.UTF8.GetBytes(answer), cancellationToken: stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
