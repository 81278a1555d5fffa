using System.Net;
using System.Text.Json;
using NATS.Client.Core;
using static WasmCloud.Host.Tests.Json;

namespace WasmCloud.Host.Tests;

/// <summary>The control interface of three host processes, answered with upstream's subjects, shapes and messages.</summary>
[Collection(LatticeCollection.Name)]
public sealed class CtlInterfaceTests(LatticeFixture lattice)
{
    private const string Root = "wasmbus.ctl.v1.default";

    [Fact]
    public async Task Every_host_answers_a_ping_with_upstreams_fields()
    {
        var replies = new List<JsonElement>();
        await foreach (var msg in lattice.Client.RequestManyAsync<byte[], byte[]>($"{Root}.host.ping", [],
            replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(2) }))
            replies.Add(Parse(msg.Data!));
        Assert.Equal(lattice.Hosts.Select(h => h.Id).Order(), replies.Select(r => Str(r.GetProperty("response"), "id")).Order());
        foreach (var reply in replies)
        {
            Assert.Equal(["success", "message", "response"], Keys(reply));
            Assert.True(reply.GetProperty("success").GetBoolean());
            Assert.Equal("", Str(reply, "message"));
            var host = reply.GetProperty("response");
            Assert.Equal(["rpc_host", "ctl_host", "friendly_name", "id", "labels", "lattice", "uptime_human", "uptime_seconds", "version"], Keys(host));
            Assert.Equal($"nats://127.0.0.1:{lattice.Nats.Port}", Str(host, "ctl_host"));
            Assert.Equal("default", Str(host, "lattice"));
            Assert.Matches(@"^[a-z]+-[a-z]+-\d{4}$", Str(host, "friendly_name"));
            Assert.Matches(@"^\d+\.\d+\.\d+", Str(host, "version"));
            Assert.Matches(@"^(\d+(day|days|h|m|s) ?)+$", Str(host, "uptime_human"));
            var labels = host.GetProperty("labels");
            Assert.Equal("linux", Str(labels, "hostcore.os"));
            Assert.Equal("unix", Str(labels, "hostcore.osfamily"));
            Assert.Equal("x86_64", Str(labels, "hostcore.arch"));
            Assert.Matches("^[abc]$", Str(labels, "zone"));
        }
    }

    [Fact]
    public async Task Host_started_events_have_the_cloudevents_envelope()
    {
        foreach (var host in lattice.Hosts)
        {
            var started = await lattice.Events.WaitForAsync("host_started", source: host.Id);
            Assert.Equal(["specversion", "id", "type", "source", "datacontenttype", "time", "data"], Keys(started));
            Assert.Equal("1.0", Str(started, "specversion"));
            Assert.Equal("com.wasmcloud.lattice.host_started", Str(started, "type"));
            Assert.Equal("application/json", Str(started, "datacontenttype"));
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", Str(started, "id"));
            Assert.True(DateTimeOffset.TryParse(Str(started, "time"), out _));
            var data = started.GetProperty("data");
            Assert.Equal(["friendly_name", "labels", "uptime_seconds", "version"], Keys(data));
            Assert.Equal(0, data.GetProperty("uptime_seconds").GetInt32());
        }
    }

    [Fact]
    public async Task Heartbeats_carry_the_full_inventory_every_interval()
    {
        foreach (var host in lattice.Hosts)
        {
            var seen = lattice.Events.Find("host_heartbeat", source: host.Id).Count();
            var beat = await lattice.Events.WaitForAsync("host_heartbeat", source: host.Id, matches: _ => lattice.Events.Find("host_heartbeat", source: host.Id).Count() > seen + 1);
            // Upstream's heartbeat body is a serde_json value: the inventory's keys in sorted order.
            Assert.Equal(["components", "friendly_name", "host_id", "labels", "providers", "uptime_human", "uptime_seconds", "version"], Keys(beat.GetProperty("data")));
            Assert.Equal(host.Id, Str(beat.GetProperty("data"), "host_id"));
        }
    }

    [Fact]
    public async Task A_component_scales_up_shows_in_the_inventory_and_scales_to_zero()
    {
        var host = lattice.A.Id;
        // wadm's request, as upstream's notes quote it, with our component.
        var scale = $$"""{"component_ref":"{{LatticeFixture.HelloComponent}}","component_id":"inventory_hello","annotations":{"wasmcloud.dev/appspec":"hello-simple","wasmcloud.dev/managed-by":"wadm"},"count":4,"host_id":"{{host}}","config":[],"allow_update":false}""";
        var ack = await lattice.RequestAsync($"{Root}.component.scale.{host}", scale);
        Assert.Equal("""{"success":true,"message":""}""", ack.GetRawText());
        var scaled = await lattice.Events.WaitForAsync("component_scaled", d => Str(d, "component_id") == "inventory_hello", source: host);
        var data = scaled.GetProperty("data");
        Assert.Equal(["annotations", "component_id", "host_id", "image_ref", "max_instances"], Keys(data));
        Assert.Equal(4, data.GetProperty("max_instances").GetInt32());
        Assert.Equal(LatticeFixture.HelloComponent, Str(data, "image_ref"));

        var inventory = await lattice.RequestAsync($"{Root}.host.get.{host}", "");
        var response = inventory.GetProperty("response");
        Assert.Equal(["components", "providers", "host_id", "friendly_name", "labels", "version", "uptime_human", "uptime_seconds"], Keys(response));
        var component = Assert.Single(response.GetProperty("components").EnumerateArray(), c => Str(c, "id") == "inventory_hello");
        Assert.Equal(["id", "image_ref", "annotations", "revision", "max_instances", "limits"], Keys(component));
        Assert.Equal(JsonValueKind.Null, component.GetProperty("limits").ValueKind);
        Assert.Equal("wadm", Str(component.GetProperty("annotations"), "wasmcloud.dev/managed-by"));

        // Rescaling republishes, as upstream does.
        var rescale = scale.Replace("\"count\":4", "\"count\":2");
        Assert.True((await lattice.RequestAsync($"{Root}.component.scale.{host}", rescale)).GetProperty("success").GetBoolean());
        await lattice.Events.WaitForAsync("component_scaled", d => Str(d, "component_id") == "inventory_hello" && d.GetProperty("max_instances").GetInt32() == 2, source: host);

        Assert.True((await lattice.RequestAsync($"{Root}.component.scale.{host}", scale.Replace("\"count\":4", "\"count\":0"))).GetProperty("success").GetBoolean());
        await lattice.Events.WaitForAsync("component_scaled", d => Str(d, "component_id") == "inventory_hello" && d.GetProperty("max_instances").GetInt32() == 0, source: host);
        var after = await lattice.RequestAsync($"{Root}.host.get.{host}", "");
        Assert.DoesNotContain(after.GetProperty("response").GetProperty("components").EnumerateArray(), c => Str(c, "id") == "inventory_hello");
    }

    [Fact]
    public async Task The_typescript_clients_max_instances_spelling_is_accepted()
    {
        var host = lattice.B.Id;
        var scale = $$"""{"component_ref":"{{LatticeFixture.HelloComponent}}","component_id":"ts_hello","max_instances":3,"host_id":"{{host}}"}""";
        var ack = await lattice.RequestAsync($"{Root}.component.scale.{host}", scale);
        Assert.True(ack.GetProperty("success").GetBoolean(), ack.GetRawText());
        var scaled = await lattice.Events.WaitForAsync("component_scaled", d => Str(d, "component_id") == "ts_hello", source: host);
        Assert.Equal(3, scaled.GetProperty("data").GetProperty("max_instances").GetInt32());
        await lattice.RequestAsync($"{Root}.component.scale.{host}", scale.Replace("\"max_instances\":3", "\"count\":0"));
        await lattice.Events.WaitForAsync("component_scaled", d => Str(d, "component_id") == "ts_hello" && d.GetProperty("max_instances").GetInt32() == 0, source: host);
    }

    [Fact]
    public async Task Auctions_are_answered_by_the_matching_hosts_only()
    {
        var acks = await GatherAsync($"{Root}.component.auction", $$$"""{"component_ref":"{{{LatticeFixture.HelloComponent}}}","component_id":"auctioned","constraints":{"zone":"b"}}""");
        var ack = Assert.Single(acks).GetProperty("response");
        Assert.Equal(["component_ref", "component_id", "host_id", "constraints"], Keys(ack));
        Assert.Equal(lattice.B.Id, Str(ack, "host_id"));
        Assert.Equal(3, (await GatherAsync($"{Root}.component.auction", """{"component_ref":"x:1","component_id":"auctioned","constraints":{}}""")).Count);
        Assert.Empty(await GatherAsync($"{Root}.component.auction", """{"component_ref":"x:1","component_id":"auctioned","constraints":{"zone":"nowhere"}}"""));

        var providerAck = Assert.Single(await GatherAsync($"{Root}.provider.auction", """{"provider_ref":"wasmcloud+builtin://http-server","provider_id":"p","constraints":{"zone":"c"}}"""));
        Assert.Equal(["host_id", "provider_ref", "provider_id", "constraints"], Keys(providerAck.GetProperty("response")));
        Assert.Equal(lattice.C.Id, Str(providerAck.GetProperty("response"), "host_id"));
    }

    [Fact]
    public async Task Labels_are_put_and_deleted_with_events_and_hostcore_labels_are_refused()
    {
        var host = lattice.C.Id;
        Assert.Equal("""{"success":false,"message":"hostcore.* labels cannot be set dynamically"}""",
            (await lattice.RequestAsync($"{Root}.label.put.{host}", """{"key":"HOSTCORE.os","value":"plan9"}""")).GetRawText());
        Assert.Equal("""{"success":true,"message":"successfully put label"}""",
            (await lattice.RequestAsync($"{Root}.label.put.{host}", """{"key":"tier","value":"gold"}""")).GetRawText());
        var changed = await lattice.Events.WaitForAsync("labels_changed", d => d.GetProperty("labels").TryGetProperty("tier", out _), source: host);
        Assert.Equal(["host_id", "labels"], Keys(changed.GetProperty("data")));
        Assert.Equal("linux", Str(changed.GetProperty("data").GetProperty("labels"), "hostcore.os"));
        var inventory = await lattice.RequestAsync($"{Root}.host.get.{host}", "");
        Assert.Equal("gold", Str(inventory.GetProperty("response").GetProperty("labels"), "tier"));

        Assert.Equal("""{"success":true,"message":"successfully deleted label"}""",
            (await lattice.RequestAsync($"{Root}.label.del.{host}", """{"key":"tier"}""")).GetRawText());
        await lattice.Events.WaitForAsync("labels_changed", d => !d.GetProperty("labels").TryGetProperty("tier", out _), source: host);
        Assert.Equal("""{"success":true,"message":"successfully deleted label (no such label)"}""",
            (await lattice.RequestAsync($"{Root}.label.del.{host}", """{"key":"tier"}""")).GetRawText());
    }

    [Fact]
    public async Task Registry_credentials_are_accepted()
    {
        var reply = await lattice.RequestAsync($"{Root}.registry.put", """{"mycloud.io":{"password":"pass","username":"user","registryType":"oci"}}""");
        Assert.Equal("""{"success":true,"message":"successfully put registries"}""", reply.GetRawText());
    }

    [Fact]
    public async Task Claims_are_listed()
    {
        var reply = await lattice.RequestAsync($"{Root}.claims.get", "");
        Assert.True(reply.GetProperty("success").GetBoolean());
        Assert.Equal(JsonValueKind.Array, reply.GetProperty("response").ValueKind);
    }

    [Fact]
    public async Task A_host_in_another_lattice_with_another_prefix_answers_there_only_and_serves_its_health()
    {
        var admin = WasmCloud.Testing.NatsServerProcess.FreePort();
        await using var other = HostProcess.Start(lattice.Nats.Port, ["-x", "other", "--ctl-topic-prefix", "acme.ctl", "--http-admin", $"127.0.0.1:{admin}"],
            environment: new Dictionary<string, string> { ["WASMCLOUD_CACHE_DIR"] = lattice.CompileCache });
        await using var otherEvents = await EventLog.StartAsync(lattice.Client, "other");
        using var http = new HttpClient();
        Assert.Equal("""{"status":"ok"}""", await Serving.GetAsync(http, $"http://127.0.0.1:{admin}/readyz"));
        Assert.Equal("""{"status":"ok"}""", await http.GetStringAsync($"http://127.0.0.1:{admin}/livez"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{admin}/metrics")).StatusCode);

        var reply = Assert.Single(await GatherAsync("acme.ctl.v1.other.host.ping", ""));
        Assert.Equal(other.Id, Str(reply.GetProperty("response"), "id"));
        Assert.Equal("other", Str(reply.GetProperty("response"), "lattice"));
        Assert.DoesNotContain((await GatherAsync($"{Root}.host.ping", "")).Select(r => Str(r.GetProperty("response"), "id")), id => id == other.Id);
        var kv = new NATS.Client.KeyValueStore.NatsKVContext(new NATS.Client.JetStream.NatsJSContext(lattice.Client));
        Assert.Equal("LATTICEDATA_other", (await kv.GetStoreAsync("LATTICEDATA_other")).Bucket);

        Assert.Equal("""{"success":true,"message":"successfully handled stop host"}""", (await lattice.RequestAsync($"acme.ctl.v1.other.host.stop.{other.Id}", "")).GetRawText());
        await otherEvents.WaitForAsync("host_stopped", source: other.Id);
        await other.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_provider_start_without_a_host_is_taken_by_one_host()
    {
        // wasmCloud's TypeScript client publishes here; upstream's hosts never answer it.
        var reply = await lattice.RequestAsync($"{Root}.provider.start", """{"provider_id":"anyhost_http","provider_ref":"wasmcloud+builtin://http-server"}""");
        Assert.Equal("""{"success":true,"message":"successfully started provider"}""", reply.GetRawText());
        var started = await lattice.Events.WaitForAsync("provider_started", d => Str(d, "provider_id") == "anyhost_http");
        Assert.Single(lattice.Events.Find("provider_started", d => Str(d, "provider_id") == "anyhost_http"));
        var host = Str(started, "source")!;
        Assert.Contains(host, lattice.Hosts.Select(h => h.Id));
        Assert.True((await lattice.RequestAsync($"{Root}.provider.stop.{host}", """{"provider_id":"anyhost_http"}""")).GetProperty("success").GetBoolean());
    }

    [Fact]
    public void Every_event_seen_has_the_cloudevents_envelope()
    {
        Assert.NotEmpty(lattice.Events.All);
        foreach (var (subject, e) in lattice.Events.All)
        {
            Assert.Equal(["specversion", "id", "type", "source", "datacontenttype", "time", "data"], Keys(e));
            Assert.Equal("com.wasmcloud.lattice." + subject["wasmbus.evt.default.".Length..], Str(e, "type"));
            Assert.StartsWith("N", Str(e, "source"));
        }
    }

    private async Task<List<JsonElement>> GatherAsync(string subject, string body)
    {
        var replies = new List<JsonElement>();
        await foreach (var msg in lattice.Client.RequestManyAsync<byte[], byte[]>(subject, System.Text.Encoding.UTF8.GetBytes(body),
            replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(2) }))
        {
            if (msg.HasNoResponders) break;
            replies.Add(Parse(msg.Data!));
        }
        return replies;
    }
}
