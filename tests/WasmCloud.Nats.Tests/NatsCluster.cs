using WasmCloud.Nats.JetStream;

namespace WasmCloud.Nats.Tests;

/// <summary>Three JetStream servers joined by routes, on 127.0.0.1.</summary>
public sealed class NatsCluster : IAsyncDisposable
{
    private NatsCluster(IReadOnlyList<NatsServerProcess> nodes) => Nodes = nodes;

    public IReadOnlyList<NatsServerProcess> Nodes { get; }

    public static async Task<NatsCluster> StartAsync(int size = 3)
    {
        var routePorts = Enumerable.Range(0, size).Select(_ => NatsServerProcess.FreePort()).ToArray();
        var clusterName = $"c{Guid.NewGuid():N}"[..12];
        var nodes = await Task.WhenAll(routePorts.Select((routePort, i) => NatsServerProcess.StartAsync(dir => $$"""
            server_name: n{{i}}
            jetstream { store_dir: "{{dir}}/js" }
            cluster {
              name: {{clusterName}}
              listen: 127.0.0.1:{{routePort}}
              routes: [{{string.Join(", ", routePorts.Where(p => p != routePort).Select(p => $"nats-route://127.0.0.1:{p}"))}}]
            }
            """)));
        var cluster = new NatsCluster(nodes);
        await cluster.WaitForJetStreamAsync();
        return cluster;
    }

    /// <summary>JetStream answers only once the cluster has elected a meta leader; ask until it does.</summary>
    private async Task WaitForJetStreamAsync()
    {
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [Nodes[0].Url] });
        var js = new NatsJetStream(connection, TimeSpan.FromSeconds(2));
        await Eventually.SucceedsAsync(() => js.GetAccountInfoAsync(), TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
    }
}

/// <summary>Waiting for conditions that raise no event (cluster formation, elections): retry with a short pause until a deadline.</summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> attempt, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Pause);
            }
        }
    }

    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(Pause);
        }
    }
}
