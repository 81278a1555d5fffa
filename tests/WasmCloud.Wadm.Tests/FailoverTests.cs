using System.Text.Json;
using System.Text.Json.Nodes;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using WasmCloud.Lattice.Wadm;
using Xunit.Abstractions;

namespace WasmCloud.Wadm.Tests;

/// <summary>
/// Two wadm processes on one lattice: exactly one acts on an application (the one holding its lease); when that one
/// is killed with SIGKILL in the middle of a deploy, the other takes over and the application converges, and at no
/// moment does the lattice run more instances than the manifest asks for.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static string Manifest(string version) => $$"""
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: failover
          annotations:
            version: {{version}}
        spec:
          components:
            - name: greeter
              type: component
              properties:
                image: {{LatticeOfThree.Greeter}}
              traits:
                - type: spreadscaler
                  properties:
                    instances: 6
        """;

    [Fact]
    public async Task Killing_the_wadm_that_deploys_leaves_the_other_to_finish_without_overshoot()
    {
        await using var lattice = await LatticeOfThree.StartAsync();
        await using var first = await WadmProcess.StartAsync(lattice.Nats.Port);
        await using var second = await WadmProcess.StartAsync(lattice.Nats.Port);
        var leases = await new NatsKVContext(new NatsJSContext(lattice.Client)).GetStoreAsync("wadm_leases");

        await lattice.PutAsync(Manifest("v1"));
        Assert.Equal("acknowledged", (await lattice.Wadm.DeployAsync("failover")).Result);
        string? owner = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); owner is null && DateTime.UtcNow < deadline; await Task.Delay(10))
        {
            try
            {
                var entry = await leases.GetEntryAsync<byte[]>("default.failover");
                owner = JsonNode.Parse(entry.Value!)?["owner"]?.GetValue<string>();
            }
            catch (NatsKVKeyNotFoundException)
            {
            }
        }
        Assert.NotNull(owner);
        var (acting, standing) = owner == first.InstanceId ? (first, second) : (second, first);
        Assert.Equal(owner, acting.InstanceId);
        await acting.KillAsync();
        output.WriteLine($"killed {owner} as it deployed; {standing.InstanceId} is left");

        await LatticeOfThree.EventuallyAsync(async () =>
        {
            var counts = await lattice.CountsAsync("failover-greeter");
            return (counts.Values.All(c => c == 2), string.Join(", ", counts.Values));
        });
        await LatticeOfThree.EventuallyAsync(async () => (await lattice.StatusAsync("failover") == StatusType.Deployed, await lattice.StatusAsync("failover")));
        var taken = JsonNode.Parse((await leases.GetEntryAsync<byte[]>("default.failover")).Value!)!["owner"]!.GetValue<string>();
        Assert.Equal(standing.InstanceId, taken);

        // Replay every scale the hosts reported: the lattice-wide total never went past 6.
        var perHost = new Dictionary<string, uint>();
        var most = 0u;
        foreach (var scaled in lattice.Events.Find("component_scaled", d => d.GetProperty("component_id").GetString() == "failover-greeter"))
        {
            perHost[scaled.GetProperty("source").GetString()!] = scaled.GetProperty("data").GetProperty("max_instances").GetUInt32();
            most = Math.Max(most, perHost.Values.Aggregate(0u, (a, b) => a + b));
        }
        output.WriteLine($"most instances at once: {most}");
        Assert.Equal(6u, most);
    }
}
