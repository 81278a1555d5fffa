using System.Text;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using StackExchange.Redis;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Tests;

/// <summary>
/// <c>wasi:keyvalue/watcher</c>: examples/keyvalue-watcher is told of every set and delete of the keys its link
/// watches (upstream's <c>watch: SET@key,DEL@key</c>), on NATS JetStream and on Redis, and writes its log back through
/// the bucket it is handed with <c>wasi:keyvalue/batch</c> — with the component on the provider's host (in process)
/// and on another (over wRPC, the bucket reached back through the component's own link).
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class KeyValueWatcherTests : InProcessHosts
{
    private static readonly string Watcher = "file://" + Repository.PathOf("examples/keyvalue-watcher/watcher.wasm");

    [Theory]
    [InlineData("keyvalue-nats", "one host")]
    [InlineData("keyvalue-nats", "two hosts")]
    [InlineData("keyvalue-redis", "one host")]
    [InlineData("keyvalue-redis", "two hosts")]
    public async Task The_watcher_hears_of_every_set_and_delete_it_asked_for_and_answers_through_batch(string backend, string placement)
    {
        var componentHost = await StartHostAsync();
        var providerHost = placement == "one host" ? componentHost : await StartHostAsync();
        var bucket = $"watched-{placement.Replace(' ', '-')}";
        var store = new Dictionary<string, string> { ["bucket"] = bucket };
        Func<string, string?, Task> write;
        Func<string, Task<string?>> read;
        if (backend == "keyvalue-redis")
        {
            var redis = Own(await RedisServerProcess.StartAsync());
            store["URL"] = redis.Url;
            var connection = Own(await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}"));
            var database = connection.GetDatabase();
            write = async (key, value) => _ = value is null ? await database.KeyDeleteAsync(key) : await database.StringSetAsync(key, value);
            read = async key => (string?)await database.StringGetAsync(key);
        }
        else
        {
            var kv = await new NatsKVContext(new NatsJSContext(Client)).CreateStoreAsync(new NatsKVConfig(bucket));
            write = async (key, value) =>
            {
                if (value is null) await kv.DeleteAsync(key);
                else await kv.PutAsync(key, Encoding.UTF8.GetBytes(value));
            };
            read = async key =>
            {
                try
                {
                    return Encoding.UTF8.GetString((await kv.GetEntryAsync<byte[]>(key)).Value ?? []);
                }
                catch (Exception e) when (e is NatsKVKeyNotFoundException or NatsKVKeyDeletedException)
                {
                    return null;
                }
            };
        }
        await ScaleComponentAsync(componentHost, "watcher", Watcher, 2);
        await StartProviderAsync(providerHost, "kv", $"wasmcloud+builtin://{backend}");
        Assert.True((await Ctl.PutConfigAsync("kv-store", store)).Success);
        Assert.True((await Ctl.PutConfigAsync("kv-watch", new Dictionary<string, string>(store) { ["watch"] = "SET@color,DEL@color" })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = "kv", Target = "watcher", WitNamespace = "wasi", WitPackage = "keyvalue", Interfaces = ["watcher"], SourceConfig = ["kv-watch"],
        })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = "watcher", Target = "kv", WitNamespace = "wasi", WitPackage = "keyvalue", Interfaces = ["store", "batch"], TargetConfig = ["kv-store"],
        })).Success);

        // The watch begins once the link has arrived: set the key until the watcher has heard of it.
        var log = await Until(async () =>
        {
            await write("color", "red");
            return await read("log");
        }, l => l?.EndsWith("set color=red;", StringComparison.Ordinal) == true);
        Assert.Matches("^(set color=red;)+$", log);
        Assert.Equal("red", await Until(() => read("seen.color"), v => v == "red"));

        await write("other", "ignored");
        await write("color", "blue");
        log = await Until(() => read("log"), l => l?.EndsWith("set color=blue;", StringComparison.Ordinal) == true);
        await write("color", null);
        log = await Until(() => read("log"), l => l?.EndsWith("set color=blue;del color (was blue);", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("other", log);
        Assert.Null(await read("seen.color"));
        if (placement == "two hosts") Assert.True(componentHost.Links.RemoteCalls > 0);
    }

    private static async Task<string?> Until(Func<Task<string?>> attempt, Func<string?, bool> done)
    {
        string? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
            if (done(last = await attempt())) return last;
        throw new TimeoutException($"still `{last}` after 30 s");
    }
}
