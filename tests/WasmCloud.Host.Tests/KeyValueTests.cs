using System.Net;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>
/// <c>wasi:keyvalue</c> through the builtin key-value providers, driven by the upstream quickstart's second app
/// (examples/http-keyvalue-counter) over HTTP: in memory and on NATS JetStream, concurrent increments counted exactly
/// (on one host and through two), and the interface's errors when there is no link or the backend is away.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class KeyValueTests : InProcessHosts
{
    private static readonly string Counter = "file://" + Repository.PathOf("examples/http-keyvalue-counter/counter.wasm");

    [Theory]
    [InlineData("keyvalue-inmemory")]
    [InlineData("keyvalue-nats")]
    [InlineData("keyvalue-redis")]
    public async Task Concurrent_increments_on_one_host_are_all_counted(string backend)
    {
        var host = await StartHostAsync();
        var config = new Dictionary<string, string> { ["bucket"] = "one-counts" };
        if (backend == "keyvalue-redis") config["URL"] = (await StartRedisAsync()).Url;
        var port = await ServeCounterAsync(host, "one", $"wasmcloud+builtin://{backend}", config);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => http.GetStringAsync($"http://127.0.0.1:{port}/hits")));
        // Every increment saw its own value: no two requests read the same count.
        Assert.Equal(Enumerable.Range(2, 200).Select(n => $"Counter /hits: {n}\n").Order(), answers.Order());
        Assert.Equal("Counter /hits: 202\n", await http.GetStringAsync($"http://127.0.0.1:{port}/hits"));
        Assert.Equal("Counter /other: 1\n", await http.GetStringAsync($"http://127.0.0.1:{port}/other"));
        if (backend == "keyvalue-nats") Assert.Equal("202", await ReadNatsAsync("one-counts", "counter/hits"));
    }

    [Fact]
    public async Task A_thousand_increments_through_two_hosts_end_at_exactly_a_thousand()
    {
        var ports = new List<int>();
        foreach (var name in new[] { "left", "right" })
            ports.Add(await ServeCounterAsync(await StartHostAsync(), name, "ghcr.io/wasmcloud/keyvalue-nats:0.3.1", new Dictionary<string, string> { ["bucket"] = "shared-counts" }));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var gate = new SemaphoreSlim(64);
        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await http.GetStringAsync($"http://127.0.0.1:{ports[i % 2]}/together");
            }
            finally
            {
                gate.Release();
            }
        }));
        // The two warm-up requests counted too.
        Assert.Equal(1000, answers.Distinct().Count());
        Assert.Equal("1002", await ReadNatsAsync("shared-counts", "counter/together"));
    }

    [Fact]
    public async Task Without_a_link_or_with_its_backend_away_the_call_fails_and_the_host_goes_on()
    {
        var host = await StartHostAsync();
        var deadPort = NatsServerProcess.FreePort();
        var port = await ServeCounterAsync(host, "broken", "wasmcloud+builtin://keyvalue-nats",
            new Dictionary<string, string> { ["cluster_uri"] = $"nats://127.0.0.1:{deadPort}" }, warm: false);
        using var http = new HttpClient();
        var away = await Eventually(() => http.GetAsync($"http://127.0.0.1:{port}/x"));
        Assert.Equal(HttpStatusCode.InternalServerError, away.StatusCode);
        Assert.Contains($"cannot reach the NATS server nats://127.0.0.1:{deadPort}", await away.Content.ReadAsStringAsync());

        Assert.True((await Ctl.DeleteLinkAsync(new DeleteLinkRequest { SourceId = "broken", WitNamespace = "wasi", WitPackage = "keyvalue" })).Success);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); host.State.LinksFrom("broken").Any(l => l.WitPackage == "keyvalue") && DateTime.UtcNow < deadline;) await Task.Delay(20);
        var unlinked = await http.GetAsync($"http://127.0.0.1:{port}/x");
        Assert.Equal(HttpStatusCode.InternalServerError, unlinked.StatusCode);
        Assert.Equal("key-value store failed: no-such-store\n", await unlinked.Content.ReadAsStringAsync());
        Assert.NotNull((await Ctl.GetHostInventoryAsync(host.Id)).Response);
    }

    [Theory]
    [InlineData("keyvalue-nats")]
    [InlineData("keyvalue-inmemory")]
    public async Task A_component_reaches_a_key_value_provider_on_another_host_over_wrpc(string backend)
    {
        var componentHost = await StartHostAsync();
        var providerHost = await StartHostAsync();
        var port = await ServeCounterAsync(componentHost, "one", $"wasmcloud+builtin://{backend}", new Dictionary<string, string> { ["bucket"] = "remote-counts" }, providerHost: providerHost);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => http.GetStringAsync($"http://127.0.0.1:{port}/hits")));
        Assert.Equal(Enumerable.Range(2, 50).Select(n => $"Counter /hits: {n}\n").Order(), answers.Order());
        // Every increment crossed to the other host (an open to a remote provider only keeps the bucket's name, as upstream's host does).
        Assert.True(componentHost.Links.RemoteCalls >= 51, $"{componentHost.Links.RemoteCalls} remote calls");
        if (backend == "keyvalue-nats") Assert.Equal("51", await ReadNatsAsync("remote-counts", "counter/hits"));
    }

    [Fact]
    public async Task Redis_stopped_mid_test_fails_the_calls_that_need_it_until_it_is_back()
    {
        var redis = await StartRedisAsync();
        var host = await StartHostAsync();
        var port = await ServeCounterAsync(host, "one", "ghcr.io/wasmcloud/keyvalue-redis:0.28.2", new Dictionary<string, string> { ["URL"] = redis.Url });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal("Counter /hits: 2\n", await http.GetStringAsync($"http://127.0.0.1:{port}/hits"));

        await redis.KillAsync();
        using var away = await http.GetAsync($"http://127.0.0.1:{port}/hits");
        Assert.Equal(HttpStatusCode.InternalServerError, away.StatusCode);
        Assert.Contains($"cannot reach Redis at {redis.Url}", await away.Content.ReadAsStringAsync());
        Assert.NotNull((await Ctl.GetHostInventoryAsync(host.Id)).Response);

        // Back, empty (nothing was persisted): the counter starts again, on the same connection.
        await redis.RestartAsync();
        string? answer = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); answer is null && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{port}/hits");
            if (response.StatusCode == HttpStatusCode.OK) answer = await response.Content.ReadAsStringAsync();
        }
        Assert.Equal("Counter /hits: 1\n", answer);
    }

    [Fact]
    public async Task A_nats_server_stopped_mid_test_fails_the_calls_until_it_is_back()
    {
        var store = Directory.CreateTempSubdirectory("nats-kv-store-").FullName;
        string Config(string _) => $"jetstream {{ store_dir: \"{store}\" }}";
        NatsServerProcess? nats = await NatsServerProcess.StartAsync(Config);
        try
        {
            var host = await StartHostAsync();
            var port = await ServeCounterAsync(host, "nats-away", "ghcr.io/wasmcloud/keyvalue-nats:0.3.1",
                new Dictionary<string, string> { ["cluster_uri"] = nats.Url, ["bucket"] = "away-counts" });
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            Assert.Equal("Counter /hits: 1\n", await http.GetStringAsync($"http://127.0.0.1:{port}/hits"));

            var natsPort = nats.Port;
            await nats.DisposeAsync();
            nats = null;
            using (var away = await http.GetAsync($"http://127.0.0.1:{port}/hits"))
            {
                Assert.Equal(HttpStatusCode.InternalServerError, away.StatusCode);
                Assert.Contains("cannot be reached", await away.Content.ReadAsStringAsync());
            }
            Assert.NotNull((await Ctl.GetHostInventoryAsync(host.Id)).Response);

            // Back with its store: the count goes on where it was.
            nats = await NatsServerProcess.StartAsync(Config, natsPort);
            string? answer = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); answer is null && DateTime.UtcNow < deadline; await Task.Delay(200))
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/hits");
                if (response.StatusCode == HttpStatusCode.OK) answer = await response.Content.ReadAsStringAsync();
            }
            Assert.Equal("Counter /hits: 2\n", answer);
        }
        finally
        {
            if (nats is not null) await nats.DisposeAsync();
            Directory.Delete(store, recursive: true);
        }
    }

    [Fact]
    public async Task A_redis_user_without_write_permission_gets_access_denied()
    {
        var redis = await StartRedisAsync();
        await using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}"))
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "reader", "on", ">secret", "~*", "+@all", "-@write");
        var host = await StartHostAsync();
        var port = await ServeCounterAsync(host, "read-only", "wasmcloud+builtin://keyvalue-redis",
            new Dictionary<string, string> { ["URL"] = $"redis://reader:secret@127.0.0.1:{redis.Port}" }, warm: false);
        using var http = new HttpClient();
        using var denied = await Eventually(() => http.GetAsync($"http://127.0.0.1:{port}/hits"));
        Assert.Equal(HttpStatusCode.InternalServerError, denied.StatusCode);
        Assert.Equal("key-value store failed: access-denied\n", await denied.Content.ReadAsStringAsync());
    }

    private async Task<RedisServerProcess> StartRedisAsync() => Own(await RedisServerProcess.StartAsync());

    private Task<LatticeHost> StartHostAsync() => StartHostAsync(Lattice.Options with { MaxExecutionTime = TimeSpan.FromSeconds(30) });

    /// <summary>The counter as <paramref name="id"/> on the host, behind an http-server on a free port, linked to a key-value provider.</summary>
    private async Task<int> ServeCounterAsync(LatticeHost host, string id, string providerRef, Dictionary<string, string> kvConfig, bool warm = true, LatticeHost? providerHost = null)
    {
        providerHost ??= host;
        var port = NatsServerProcess.FreePort();
        await using (var events = await Ctl.WatchEventsAsync())
        {
            Assert.True((await Ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = Counter, ComponentId = id, HostId = host.Id, Count = 16 })).Success);
            Assert.Equal("component_scaled", (await events.WaitForAsync(e => e.Source == host.Id && e.Name.StartsWith("component_scale"), TimeSpan.FromSeconds(120)))?.Name);
            Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand { ProviderId = $"{id}_kv", ProviderRef = providerRef, HostId = providerHost.Id })).Success);
            Assert.Equal("provider_started", (await events.WaitForAsync(e => e.Source == providerHost.Id && e.Name.StartsWith("provider_start"), TimeSpan.FromSeconds(30)))?.Name);
        }
        Assert.True((await Ctl.PutConfigAsync($"{id}-kv", kvConfig)).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = id, Target = $"{id}_kv", WitNamespace = "wasi", WitPackage = "keyvalue", Interfaces = ["store", "atomics"], TargetConfig = [$"{id}-kv"],
        })).Success);
        Assert.True((await Ctl.PutConfigAsync($"{id}-http", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" })).Success);
        Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand { ProviderId = $"{id}_http", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = $"{id}_http", Target = id, WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = [$"{id}-http"],
        })).Success);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !host.State.LinksFrom(id).Any() && DateTime.UtcNow < deadline;) await Task.Delay(20);
        if (warm)
        {
            using var http = new HttpClient();
            Assert.StartsWith("Counter", await Serving.GetAsync(http, $"http://127.0.0.1:{port}/{(id == "one" ? "hits" : "together")}"));
        }
        return port;
    }

    private async Task<string> ReadNatsAsync(string bucket, string key)
    {
        var store = await new NatsKVContext(new NatsJSContext(Client)).GetStoreAsync(bucket);
        return System.Text.Encoding.UTF8.GetString((await store.GetEntryAsync<byte[]>(key)).Value!);
    }

    private static async Task<HttpResponseMessage> Eventually(Func<Task<HttpResponseMessage>> attempt)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(100))
        {
            try
            {
                return await attempt();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
