using System.Collections.Concurrent;
using System.Text;
using WasmCloud.Nats.JetStream;
using WasmCloud.Nats.KeyValue;

namespace WasmCloud.Nats.Tests;

public sealed class ClusterTests
{
    private static readonly TimeSpan ClusterPatience = TimeSpan.FromSeconds(90);

    private static NatsOptions Options(string seed) => new()
    {
        Servers = [seed],
        ReconnectWait = TimeSpan.FromMilliseconds(100),
        MaxReconnectWait = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task Messages_route_between_nodes_and_clients_learn_the_other_nodes()
    {
        await using var cluster = await NatsCluster.StartAsync();
        await using var onFirst = await NatsConnection.ConnectAsync(Options(cluster.Nodes[0].Url));
        await using var onLast = await NatsConnection.ConnectAsync(Options(cluster.Nodes[2].Url));
        await Eventually.TrueAsync(() => onFirst.KnownServers.Count >= 3, ClusterPatience, "connect_urls of all nodes");

        await using var subscription = await onLast.SubscribeAsync("across.nodes");
        await onLast.FlushAsync(Timeouts.Token());
        // Interest reaches the other node through the route asynchronously; publish until a message arrives.
        var received = await Eventually.SucceedsAsync(async () =>
        {
            await onFirst.PublishAsync("across.nodes", "hi"u8.ToArray());
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            return await subscription.Messages.ReadAsync(wait.Token);
        }, ClusterPatience);
        Assert.Equal("hi"u8.ToArray(), received.Data.ToArray());
    }

    [Fact]
    public async Task Killing_the_connected_node_loses_no_acknowledged_kv_write_and_keeps_subscriptions_working()
    {
        await using var cluster = await NatsCluster.StartAsync();
        var doomed = cluster.Nodes[0];
        // Only the doomed node is given: the others must come from the cluster's INFO.
        await using var client = await NatsConnection.ConnectAsync(Options(doomed.Url));
        await using var responder = await NatsConnection.ConnectAsync(Options(cluster.Nodes[1].Url));
        await Eventually.TrueAsync(() => client.KnownServers.Count >= 3, ClusterPatience, "connect_urls of all nodes");

        await using var service = await responder.SubscribeAsync("svc.ping");
        _ = Task.Run(async () =>
        {
            await foreach (var request in service)
                await request.ReplyAsync(request.Data);
        });
        await using var events = await client.SubscribeAsync("events.>");

        var js = new NatsJetStream(client, TimeSpan.FromSeconds(2));
        var kv = await Eventually.SucceedsAsync(() => NatsKeyValue.CreateBucketAsync(js, new KvConfig { Bucket = "faults", Replicas = 3 }), ClusterPatience);
        await using var watcher = await kv.WatchAsync();

        var reconnected = new TaskCompletionSource<Uri?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Events += e => { if (e.Kind == NatsConnectionEventKind.Reconnected) reconnected.TrySetResult(e.Server); };

        var acknowledged = new ConcurrentDictionary<string, string>();
        int requestsAnsweredAfterReconnect = 0;
        using var stopWorkload = new CancellationTokenSource();
        var workload = Task.Run(async () =>
        {
            for (int i = 0; !stopWorkload.IsCancellationRequested; i++)
            {
                var key = $"k{i}";
                var value = $"v{i}";
                try
                {
                    await kv.PutAsync(key, Encoding.UTF8.GetBytes(value));
                    acknowledged[key] = value;
                }
                catch (Exception e) when (e is NatsException or TimeoutException)
                {
                    // Not acknowledged (leader lost, reconnecting): such writes promise nothing.
                }
                try
                {
                    await client.PublishAsync($"events.{i}", Encoding.UTF8.GetBytes(value));
                    await client.RequestAsync("svc.ping", Encoding.UTF8.GetBytes(value));
                    if (reconnected.Task.IsCompleted) Interlocked.Increment(ref requestsAnsweredAfterReconnect);
                }
                catch (Exception e) when (e is NatsException or TimeoutException)
                {
                    // Requests in flight while the node dies time out.
                }
            }
        });

        await Eventually.TrueAsync(() => acknowledged.Count >= 30, ClusterPatience, "writes before the fault");
        await doomed.KillAsync();
        var newServer = await reconnected.Task.WaitAsync(ClusterPatience);
        Assert.NotEqual(doomed.Port, newServer!.Port);
        int beforeRecovery = acknowledged.Count;
        await Eventually.TrueAsync(() => acknowledged.Count >= beforeRecovery + 30 && Volatile.Read(ref requestsAnsweredAfterReconnect) >= 10,
            ClusterPatience, "writes and requests after the fault");
        await stopWorkload.CancelAsync();
        await workload.WaitAsync(ClusterPatience);

        // The client's own subscription still works on the new node.
        await client.PublishAsync("events.final", "last"u8.ToArray());
        await Eventually.TrueAsync(() => Drain(events).Contains("events.final"), ClusterPatience, "subscription after failover");

        // Every acknowledged write survived, as read through the stream leader.
        foreach (var (key, value) in acknowledged)
        {
            var stored = await Eventually.SucceedsAsync(() => js.GetLastMessageAsync(kv.StreamName, $"$KV.faults.{key}"), ClusterPatience);
            Assert.Equal(value, Encoding.UTF8.GetString(stored.Data.Span));
        }

        // The watch recovered from the failover and saw the latest acknowledged write.
        var lastKey = acknowledged.Keys.MaxBy(k => int.Parse(k[1..]))!;
        await Eventually.TrueAsync(() => Drain(watcher.Entries).Any(entry => entry.Key == lastKey), ClusterPatience, "the watch to deliver the last write");
    }

    private static List<string> Drain(NatsSubscription subscription) => [.. Drain(subscription.Messages).Select(msg => msg.Subject)];

    private static List<T> Drain<T>(System.Threading.Channels.ChannelReader<T> reader)
    {
        var items = new List<T>();
        while (reader.TryRead(out var item)) items.Add(item);
        return items;
    }
}
