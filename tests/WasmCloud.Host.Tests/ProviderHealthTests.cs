using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;
using static WasmCloud.Host.Tests.Json;

namespace WasmCloud.Host.Tests;

/// <summary>Provider health checks: the builtin http-server answers them over NATS, and the host publishes upstream's three events.</summary>
public sealed class ProviderHealthTests
{
    [Fact]
    public async Task A_provider_is_checked_and_the_events_follow_its_health()
    {
        await using var lattice = await InProcessLattice.StartAsync();
        await using var host = await LatticeHost.StartAsync(lattice.Options with { ProviderHealthInterval = TimeSpan.FromMilliseconds(500) }, NullLoggerFactory.Instance);
        await using var nats = new NatsConnection(new NatsOpts { Url = lattice.Nats.Url });
        await nats.ConnectAsync();
        await using var events = await EventLog.StartAsync(nats);
        var ctl = new CtlClient(nats, new Subjects("default"));
        Assert.True((await ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "checked", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id })).Success);

        var passed = await events.WaitForAsync("health_check_passed", d => Str(d, "provider_id") == "checked");
        Assert.Equal(["host_id", "provider_id"], Keys(passed.GetProperty("data")));
        await events.WaitForAsync("health_check_status", d => Str(d, "provider_id") == "checked");
        var answer = await nats.RequestAsync<byte[], byte[]>("wasmbus.rpc.default.checked.health", "{}"u8.ToArray());
        Assert.Equal("""{"healthy":true,"message":"serving 0 route(s)"}""", System.Text.Encoding.UTF8.GetString(answer.Data!));

        // A link it cannot serve (its address is taken) makes it unhealthy.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await ctl.PutConfigAsync("taken-address", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{taken}" });
        await ctl.PutLinkAsync(new Link { SourceId = "checked", Target = "nobody", WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = ["taken-address"] });
        await events.WaitForAsync("health_check_failed", d => Str(d, "provider_id") == "checked");
        var unhealthy = await nats.RequestAsync<byte[], byte[]>("wasmbus.rpc.default.checked.health", "{}"u8.ToArray());
        Assert.Contains("\"healthy\":false", System.Text.Encoding.UTF8.GetString(unhealthy.Data!));
    }
}
