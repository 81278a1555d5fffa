using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Wadm;
using Xunit.Abstractions;

namespace WasmCloud.Wadm.Tests;

/// <summary>
/// wadm against three real hosts: a deployed manifest becomes the lattice (a spread weighted 80/20 by label, a
/// daemon on every host, a provider, links and managed config); a new version moves it; a host killed with SIGKILL
/// has its instances placed again elsewhere; undeploy leaves nothing behind. Status is checked at each step.
/// </summary>
public sealed class ReconcileTests(ITestOutputHelper output)
{
    private static string Manifest(string version, int instances) => $$"""
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: greetings
          annotations:
            version: {{version}}
        spec:
          components:
            - name: greeter
              type: component
              properties:
                image: {{LatticeOfThree.Greeter}}
                config:
                  - name: words
                    properties:
                      greeting: Howdy
              traits:
                - type: spreadscaler
                  properties:
                    instances: {{instances}}
                    spread:
                      - name: east
                        requirements: { zone: east }
                        weight: 80
                      - name: west
                        requirements: { zone: west }
                        weight: 20
            - name: caller
              type: component
              properties:
                image: {{LatticeOfThree.Caller}}
              traits:
                - type: daemonscaler
                  properties:
                    instances: 1
                - type: link
                  properties:
                    namespace: example
                    package: wrpc
                    interfaces: [greeter]
                    target:
                      name: greeter
            - name: web
              type: capability
              properties:
                image: ghcr.io/wasmcloud/http-server:0.26.0
              traits:
                - type: spreadscaler
                  properties:
                    instances: 1
                    spread:
                      - name: west
                        requirements: { zone: west }
                - type: link
                  properties:
                    namespace: wasi
                    package: http
                    interfaces: [incoming-handler]
                    target:
                      name: greeter
                    source:
                      config:
                        - name: listen
                          properties:
                            address: 127.0.0.1:0
        """;

    [Fact]
    public async Task The_lattice_follows_the_manifest_through_deploy_scale_a_dead_host_and_undeploy()
    {
        await using var lattice = await LatticeOfThree.StartAsync();
        await using var wadm = await WadmServer.StartAsync(new WadmOptions { Nats = new NatsEndpoint { Port = lattice.Nats.Port } }, new TestOutputLogger(output));
        var statuses = new List<string>();
        await using var statusFeed = await lattice.Client.SubscribeCoreAsync<byte[]>("wadm.status.default.greetings");
        _ = Task.Run(async () =>
        {
            await foreach (var message in statusFeed.Msgs.ReadAllAsync())
                lock (statuses) statuses.Add(JsonDocument.Parse(message.Data ?? []).RootElement.GetProperty("status").GetProperty("type").GetString()!);
        });
        var (east1, east2, west) = (lattice.Hosts[0], lattice.Hosts[1], lattice.Hosts[2]);
        output.WriteLine($"hosts: east {east1.Id}, east {east2.Id}, west {west.Id}");

        await lattice.PutAsync(Manifest("v1", 6));
        Assert.Equal("acknowledged", (await lattice.Wadm.DeployAsync("greetings")).Result);
        // 6 by 80/20: 5 on the east hosts (3 and 2), 1 in the west; the caller once on every host; the server in the west.
        await ExpectAsync(lattice, "greetings-greeter", east: 5, westCount: 1);
        await LatticeOfThree.EventuallyAsync(async () =>
        {
            var callers = (await lattice.CountsAsync("greetings-caller")).Values;
            var servers = await lattice.ProvidersAsync("greetings-web");
            var links = (await lattice.Ctl.GetLinksAsync()).Response!;
            var words = (await lattice.Ctl.GetConfigAsync("greetings-words")).Response?.GetValueOrDefault("greeting");
            var done = callers.All(c => c == 1) && servers.SequenceEqual([west.Id]) && words == "Howdy"
                && links.Any(l => l is { SourceId: "greetings-caller", Target: "greetings-greeter", WitNamespace: "example", WitPackage: "wrpc" })
                && links.Any(l => l.SourceId == "greetings-web" && l.Target == "greetings-greeter" && l.SourceConfig.SequenceEqual(["greetings-listen"]));
            return (done, $"callers {string.Join(",", callers)}, servers {string.Join(",", servers)}, links {links.Count}, config {words}");
        });
        await LatticeOfThree.EventuallyAsync(async () => (await lattice.StatusAsync("greetings") == StatusType.Deployed, await lattice.StatusAsync("greetings")));
        var inventory = (await lattice.Ctl.GetHostInventoryAsync(west.Id)).Response!;
        Assert.Equal("ghcr.io/wasmcloud/http-server:0.26.0", inventory.Providers.Single().ImageRef);
        Assert.Equal("greetings", inventory.Components.First(c => c.Id == "greetings-greeter").Annotations!["wasmcloud.dev/appspec"]);

        // A new version: 10 by 80/20 is 8 east and 2 west.
        await lattice.PutAsync(Manifest("v2", 10));
        Assert.Equal("v2", (await lattice.Wadm.DeployAsync("greetings")).Version);
        await ExpectAsync(lattice, "greetings-greeter", east: 8, westCount: 2);
        await LatticeOfThree.EventuallyAsync(async () => (await lattice.StatusAsync("greetings") == StatusType.Deployed, await lattice.StatusAsync("greetings")));
        var versions = (await lattice.Wadm.VersionsAsync("greetings")).Versions;
        Assert.Equal([("v1", false), ("v2", true)], versions.Select(v => (v.Version, v.Deployed)));

        // SIGKILL an east host: no goodbye, only missing heartbeats. Its share moves to the other east host. (wadm
        // learns a host's heartbeat interval from two of its heartbeats; until then it waits upstream's 70 s.)
        var seen = lattice.Events.Find("host_heartbeat", source: east1.Id).Count();
        await LatticeOfThree.EventuallyAsync(() => Task.FromResult((lattice.Events.Find("host_heartbeat", source: east1.Id).Count() >= seen + 2, "heartbeats")));
        var before = (await lattice.CountsAsync("greetings-greeter"))[east1.Id];
        lock (statuses) statuses.Clear();
        var killed = Stopwatch.StartNew();
        await east1.KillAsync();
        await LatticeOfThree.EventuallyAsync(async () =>
        {
            var counts = await lattice.CountsAsync("greetings-greeter", [east2, west]);
            return (counts[east2.Id] == 8 && counts[west.Id] == 2, string.Join(", ", counts.Values));
        });
        output.WriteLine($"host {east1.Id} (ran {before} of 8) killed; its instances were running on {east2.Id} {killed.ElapsedMilliseconds} ms later (heartbeat interval 1000 ms)");
        await LatticeOfThree.EventuallyAsync(async () => (await lattice.StatusAsync("greetings") == StatusType.Deployed, await lattice.StatusAsync("greetings")));
        lock (statuses)
        {
            output.WriteLine($"status after the kill: {string.Join(" → ", statuses)}");
            Assert.Contains(StatusType.Reconciling, statuses);
            Assert.Equal(StatusType.Deployed, statuses[^1]);
        }

        Assert.Equal("acknowledged", (await lattice.Wadm.UndeployAsync("greetings")).Result);
        await LatticeOfThree.EventuallyAsync(async () =>
        {
            var greeters = (await lattice.CountsAsync("greetings-greeter")).Values.Sum(c => c);
            var callers = (await lattice.CountsAsync("greetings-caller")).Values.Sum(c => c);
            var providers = (await lattice.ProvidersAsync("greetings-web")).Count;
            var links = (await lattice.Ctl.GetLinksAsync()).Response!.Count;
            var config = (await lattice.Ctl.GetConfigAsync("greetings-words")).Response?.Count ?? 0;
            return (greeters + callers + providers + links + config == 0, $"greeters {greeters}, callers {callers}, providers {providers}, links {links}, config {config}");
        });
        await LatticeOfThree.EventuallyAsync(async () => (await lattice.StatusAsync("greetings") == StatusType.Undeployed, await lattice.StatusAsync("greetings")));
    }

    private static Task ExpectAsync(LatticeOfThree lattice, string id, uint east, uint westCount) => LatticeOfThree.EventuallyAsync(async () =>
    {
        var counts = await lattice.CountsAsync(id);
        var eastHosts = lattice.Hosts.Take(2).Where(h => !h.HasExited).Select(h => counts[h.Id]).ToList();
        var shared = eastHosts.Max() - eastHosts.Min() <= 1;
        return (eastHosts.Sum(c => c) == east && counts[lattice.Hosts[2].Id] == westCount && shared, string.Join(", ", counts.Values));
    });
}
