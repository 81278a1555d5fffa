using System.Text.Json;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using WasmCloud.Testing;
using static WasmCloud.Host.Tests.Json;

namespace WasmCloud.Host.Tests;

/// <summary>Links and named config: put through one host, stored in the lattice's buckets, seen and used by the others.</summary>
[Collection(LatticeCollection.Name)]
public sealed class LinkAndConfigTests(LatticeFixture lattice)
{
    private const string Root = "wasmbus.ctl.v1.default";

    [Fact]
    public async Task Config_is_put_read_and_deleted_through_the_bucket()
    {
        Assert.Equal("""{"success":false,"message":"config data should be a map of string -> string"}""",
            (await lattice.RequestAsync($"{Root}.config.put.numbers", """{"a":1}""")).GetRawText());
        Assert.Equal("""{"success":true,"message":"Configuration not found"}""", (await lattice.RequestAsync($"{Root}.config.get.numbers", "")).GetRawText());

        Assert.Equal("""{"success":true,"message":"successfully put config"}""", (await lattice.RequestAsync($"{Root}.config.put.greeting", """{"sup":"hey"}""")).GetRawText());
        var set = await lattice.Events.WaitForAsync("config_set", d => Str(d, "config_name") == "greeting");
        Assert.Equal(["config_name"], Keys(set.GetProperty("data")));
        Assert.Equal("""{"sup":"hey"}""", System.Text.Encoding.UTF8.GetString((await ConfigBucketAsync()).Value!));
        // config.get is answered by any one host (a queue group): every host must have the config.
        for (int i = 0; i < 6; i++)
            Assert.Equal("""{"success":true,"message":"","response":{"sup":"hey"}}""", (await lattice.RequestAsync($"{Root}.config.get.greeting", "")).GetRawText());

        Assert.Equal("""{"success":true,"message":"successfully deleted config"}""", (await lattice.RequestAsync($"{Root}.config.del.greeting", "")).GetRawText());
        await lattice.Events.WaitForAsync("config_deleted", d => Str(d, "config_name") == "greeting");
        await Eventually(async () => (await lattice.RequestAsync($"{Root}.config.get.greeting", "")).GetRawText() == """{"success":true,"message":"Configuration not found"}""");
    }

    [Fact]
    public async Task A_link_put_through_any_host_is_stored_and_served_by_the_host_running_the_http_server()
    {
        var port = NatsServerProcess.FreePort();
        await lattice.RequestAsync($"{Root}.config.put.served-http", $$"""{"address":"127.0.0.1:{{port}}"}""");
        var link = """{"source_id":"served_http","target":"served_hello","name":"default","wit_namespace":"wasi","wit_package":"http","interfaces":["incoming-handler"],"source_config":["served-http"],"target_config":[]}""";
        Assert.Equal("""{"success":true,"message":"successfully set link"}""", (await lattice.RequestAsync($"{Root}.link.put", link)).GetRawText());
        var set = await lattice.Events.WaitForAsync("linkdef_set", d => Str(d, "source_id") == "served_http");
        // Upstream builds the event with json!, so its keys come sorted.
        Assert.Equal(Sorted(Parse(link)), set.GetProperty("data").GetRawText());

        var stored = Parse((await LatticeDataAsync("COMPONENT_served_http")).Value!);
        Assert.Equal(["url", "links"], Keys(stored));
        Assert.Equal(Parse(link).GetRawText(), Assert.Single(stored.GetProperty("links").EnumerateArray()).GetRawText());
        for (int i = 0; i < 6; i++)
            Assert.Contains((await lattice.RequestAsync($"{Root}.link.get", "")).GetProperty("response").EnumerateArray(), l => Str(l, "source_id") == "served_http");

        // Host C runs both ends; whichever host took the put, C learnt of the link from the bucket.
        var host = lattice.C.Id;
        await lattice.RequestAsync($"{Root}.component.scale.{host}", $$"""{"component_ref":"{{LatticeFixture.HelloComponent}}","component_id":"served_hello","count":1,"host_id":"{{host}}"}""");
        await lattice.Events.WaitForAsync("component_scaled", d => Str(d, "component_id") == "served_hello", source: host);
        Assert.Equal("""{"success":true,"message":"successfully started provider"}""",
            (await lattice.RequestAsync($"{Root}.provider.start.{host}", $$"""{"provider_id":"served_http","provider_ref":"wasmcloud+builtin://http-server","host_id":"{{host}}","config":[]}""")).GetRawText());
        var started = await lattice.Events.WaitForAsync("provider_started", d => Str(d, "provider_id") == "served_http", source: host);
        Assert.Equal(["annotations", "host_id", "image_ref", "provider_id"], Keys(started.GetProperty("data")));
        Assert.Equal("""{"success":false,"message":"provider with that ID is already running"}""",
            (await lattice.RequestAsync($"{Root}.provider.start.{host}", $$"""{"provider_id":"served_http","provider_ref":"wasmcloud+builtin://http-server"}""")).GetRawText());

        using var http = new HttpClient();
        var body = await Serving.GetAsync(http, $"http://127.0.0.1:{port}/from-c");
        Assert.Equal("Hello from wasmCloud for .NET! GET /from-c\n", body);

        // Deleting the link stops the serving; the event names what was removed.
        Assert.Equal("""{"success":true,"message":"successfully deleted link"}""",
            (await lattice.RequestAsync($"{Root}.link.del", """{"source_id":"served_http","name":"default","wit_namespace":"wasi","wit_package":"http"}""")).GetRawText());
        var deleted = await lattice.Events.WaitForAsync("linkdef_deleted", d => Str(d, "source_id") == "served_http");
        Assert.Equal(["interfaces", "name", "source_id", "target", "wit_namespace", "wit_package"], Keys(deleted.GetProperty("data")));
        await Eventually(async () =>
        {
            try
            {
                await http.GetStringAsync($"http://127.0.0.1:{port}/");
                return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        });
        // Deleting again is still a success, and the event then has no target; an unknown source has no spec at all.
        Assert.Equal("""{"success":true,"message":"successfully deleted link"}""",
            (await lattice.RequestAsync($"{Root}.link.del", """{"source_id":"served_http","link_name":"default","wit_namespace":"wasi","wit_package":"http"}""")).GetRawText());
        Assert.Equal("""{"success":true,"message":"successfully deleted link (spec doesn't exist)"}""",
            (await lattice.RequestAsync($"{Root}.link.del", """{"source_id":"never_linked","wit_namespace":"wasi","wit_package":"http"}""")).GetRawText());

        Assert.Equal("""{"success":true,"message":"successfully stopped provider"}""",
            (await lattice.RequestAsync($"{Root}.provider.stop.{host}", $$"""{"host_id":"{{host}}","provider_id":"served_http"}""")).GetRawText());
        var stopped = await lattice.Events.WaitForAsync("provider_stopped", d => Str(d, "provider_id") == "served_http", source: host);
        Assert.Equal("stop", Str(stopped.GetProperty("data"), "reason"));
        Assert.Equal("""{"success":false,"message":"provider with that ID is not running"}""",
            (await lattice.RequestAsync($"{Root}.provider.stop.{host}", $$"""{"host_id":"{{host}}","provider_ref":"served_http"}""")).GetRawText());
        await lattice.RequestAsync($"{Root}.component.scale.{host}", $$"""{"component_id":"served_hello","count":0}""");
    }

    [Fact]
    public async Task Links_naming_missing_config_or_conflicting_with_a_link_are_refused_and_change_nothing()
    {
        var before = (await lattice.RequestAsync($"{Root}.link.get", "")).GetProperty("response").GetArrayLength();
        var missing = """{"source_id":"refused","target":"t","wit_namespace":"wasi","wit_package":"keyvalue","interfaces":["store"],"source_config":["nope"],"target_config":["SECRET_also"]}""";
        Assert.Equal("""{"success":false,"message":"Failed to validate configuration and secrets. Configuration nope not found in config store. Secret reference SECRET_also not found in config store. "}""",
            (await lattice.RequestAsync($"{Root}.link.put", missing)).GetRawText());
        var failed = await lattice.Events.WaitForAsync("linkdef_set_failed", d => Str(d, "source_id") == "refused");
        Assert.Contains("error", Keys(failed.GetProperty("data")));

        var first = """{"source_id":"conflicted","target":"one","wit_namespace":"wasi","wit_package":"keyvalue","interfaces":["store","atomics"]}""";
        Assert.True((await lattice.RequestAsync($"{Root}.link.put", first)).GetProperty("success").GetBoolean());
        Assert.Equal("""{"success":false,"message":"link already exists with different target, consider deleting the existing link or using a different link name"}""",
            (await lattice.RequestAsync($"{Root}.link.put", first.Replace("\"one\"", "\"two\"").Replace("\"store\",", ""))).GetRawText());
        // The same key and target replaces the link; another name is another link.
        Assert.True((await lattice.RequestAsync($"{Root}.link.put", first.Replace("\"atomics\"", "\"batch\""))).GetProperty("success").GetBoolean());
        Assert.True((await lattice.RequestAsync($"{Root}.link.put", first.Replace("\"one\"", "\"two\"").Replace("\"source_id\"", "\"name\":\"other\",\"source_id\""))).GetProperty("success").GetBoolean());
        var links = (await lattice.RequestAsync($"{Root}.link.get", "")).GetProperty("response").EnumerateArray().Where(l => Str(l, "source_id") == "conflicted").ToList();
        Assert.Equal(2, links.Count);
        Assert.Contains(links, l => Str(l, "target") == "one" && l.GetProperty("interfaces").EnumerateArray().Select(i => i.GetString()).SequenceEqual(["store", "batch"]));
        Assert.DoesNotContain((await lattice.RequestAsync($"{Root}.link.get", "")).GetProperty("response").EnumerateArray(), l => Str(l, "source_id") == "refused");
        Assert.Equal(before + 2, (await lattice.RequestAsync($"{Root}.link.get", "")).GetProperty("response").GetArrayLength());
    }

    private static string Sorted(JsonElement element) =>
        "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}")) + "}";

    private async Task<NatsKVEntry<byte[]>> LatticeDataAsync(string key) =>
        await (await Kv().GetStoreAsync("LATTICEDATA_default")).GetEntryAsync<byte[]>(key);

    private async Task<NatsKVEntry<byte[]>> ConfigBucketAsync() =>
        await (await Kv().GetStoreAsync("CONFIGDATA_default")).GetEntryAsync<byte[]>("greeting");

    private NatsKVContext Kv() => new(new NatsJSContext(lattice.Client));

    private static async Task<T> Eventually<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                var value = await attempt();
                if (value is not false) return value;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition never held");
            await Task.Delay(100);
        }
    }
}
