using System.Text;
using System.Text.Json;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;
using WasmCloud.Lattice.State;

namespace WasmCloud.Lattice.Tests;

/// <summary>
/// Upstream's JSON, as wasmCloud 1.9.2's hosts, wadm and wash put it on the wire (the literals of
/// ../shared/wasmcloud-1x-wire.md), read into our types and written back byte for byte.
/// </summary>
public sealed class WireFormatTests
{
    [Theory]
    [InlineData("""{"success":true,"message":"","response":{"rpc_host":"nats://127.0.0.1:4222","ctl_host":"nats://127.0.0.1:4222","friendly_name":"floral-forest-3510","id":"NCBAWBHRT6JNSQIYQEURM3AQZ74I6HTQRRCFMTVPC3OAX4BUTCNTYADZ","labels":{"hostcore.arch":"aarch64","hostcore.os":"macos","hostcore.osfamily":"unix"},"lattice":"default","uptime_human":"30s","uptime_seconds":30,"version":"1.9.2"}}""")]
    public void A_ping_reply_round_trips(string json) => RoundTrip<CtlResponse<HostInfo>>(json);

    [Fact]
    public void An_inventory_reply_round_trips()
    {
        const string json = """{"success":true,"message":"","response":{"components":[{"id":"echo","image_ref":"ghcr.io/brooksmtownsend/http-hello-world-rust:0.1.0","name":"http-hello-world","annotations":{"wasmcloud.dev/appspec":"hello","wasmcloud.dev/managed-by":"wadm","wasmcloud.dev/scaler":"<sha256>","wasmcloud.dev/spread_name":"default"},"revision":0,"max_instances":1,"limits":null}],"providers":[{"id":"httpserver","image_ref":"ghcr.io/wasmcloud/http-server:0.26.0","name":"HTTP Server","revision":0,"annotations":{}}],"host_id":"NCBAWBHRT6JNSQIYQEURM3AQZ74I6HTQRRCFMTVPC3OAX4BUTCNTYADZ","friendly_name":"floral-forest-3510","labels":{"hostcore.arch":"aarch64","hostcore.os":"macos","hostcore.osfamily":"unix"},"version":"1.9.2","uptime_human":"30s","uptime_seconds":30}}""";
        RoundTrip<CtlResponse<HostInventory>>(json);
    }

    [Fact]
    public void Pre_1_0_inventories_list_actors()
    {
        var inventory = LatticeJson.Decode<HostInventory>("""{"actors":[{"id":"old","image_ref":"x:1","revision":0,"max_instances":1}],"providers":[],"host_id":"N","friendly_name":"f","labels":{},"version":"0.82.0","uptime_human":"1s","uptime_seconds":1}"""u8);
        Assert.Equal("old", Assert.Single(inventory.Components).Id);
    }

    [Fact]
    public void Wadms_scale_request_is_read_with_its_count()
    {
        const string json = """{"component_ref":"ghcr.io/wasmcloud/components/http-hello-world-rust:0.1.0","component_id":"hello_simple-hello","annotations":{"wasmcloud.dev/appspec":"hello-simple","wasmcloud.dev/managed-by":"wadm","wasmcloud.dev/scaler":"<sha256>","wasmcloud.dev/spread_name":"default"},"count":4,"host_id":"NCBAWBHRT6JNSQIYQEURM3AQZ74I6HTQRRCFMTVPC3OAX4BUTCNTYADZ","config":[],"allow_update":false}""";
        var command = LatticeJson.Decode<ScaleComponentCommand>(Encoding.UTF8.GetBytes(json));
        Assert.Equal(4u, command.MaxInstances);
        Assert.Equal(json, Encoding.UTF8.GetString(LatticeJson.Encode(command)));
        // An absent count stops the component, as upstream reads it; the TypeScript client's spelling counts too.
        Assert.Equal(0u, LatticeJson.Decode<ScaleComponentCommand>("""{"component_id":"x"}"""u8).MaxInstances);
        Assert.Equal(3u, LatticeJson.Decode<ScaleComponentCommand>("""{"component_id":"x","max_instances":3}"""u8).MaxInstances);
        Assert.Empty(LatticeJson.Decode<ScaleComponentCommand>("""{"component_id":"x"}"""u8).Config);
    }

    [Theory]
    [InlineData("""{"provider_id":"httpserver","provider_ref":"ghcr.io/wasmcloud/http-server:0.26.0","host_id":"NCBAWBHRT6JNSQIYQEURM3AQZ74I6HTQRRCFMTVPC3OAX4BUTCNTYADZ","config":[],"annotations":{"wasmcloud.dev/appspec":"hello-simple","wasmcloud.dev/managed-by":"wadm","wasmcloud.dev/scaler":"<sha256>","wasmcloud.dev/spread_name":"default"}}""")]
    public void A_provider_start_round_trips(string json) => RoundTrip<StartProviderCommand>(json);

    [Theory]
    [InlineData("""{"source_id":"echo","target":"httpserver","name":"default","wit_namespace":"wasi","wit_package":"http","interfaces":["incoming-handler"],"source_config":[],"target_config":[]}""")]
    public void A_link_round_trips(string json) => RoundTrip<Link>(json);

    [Fact]
    public void A_link_without_a_name_is_the_default_link_and_required_fields_are_required()
    {
        var link = LatticeJson.Decode<Link>("""{"source_id":"a","target":"b","wit_namespace":"wasi","wit_package":"http","interfaces":["incoming-handler"]}"""u8);
        Assert.Equal("default", link.Name);
        Assert.Empty(link.SourceConfig);
        var missing = Assert.Throws<JsonException>(() => LatticeJson.Decode<Link>("""{"source_id":"a","target":"b"}"""u8));
        Assert.Contains("wit_namespace", missing.Message);
    }

    [Fact]
    public void A_link_deletion_reads_either_spelling_of_the_name()
    {
        Assert.Equal("other", LatticeJson.Decode<DeleteLinkRequest>("""{"source_id":"a","link_name":"other","wit_namespace":"w","wit_package":"p"}"""u8).LinkName);
        Assert.Equal("default", LatticeJson.Decode<DeleteLinkRequest>("""{"source_id":"a","wit_namespace":"w","wit_package":"p"}"""u8).LinkName);
    }

    [Theory]
    [InlineData("""{"mycloud.io":{"password":"pass","username":"user","registryType":"oci"}}""")]
    public void Registry_credentials_round_trip(string json) => RoundTrip<Dictionary<string, RegistryCredential>>(json);

    [Fact]
    public void A_component_specification_round_trips()
    {
        const string json = """{"url":"ghcr.io/x/y:1","links":[{"source_id":"y","target":"z","name":"default","wit_namespace":"wasi","wit_package":"keyvalue","interfaces":["store"],"source_config":[],"target_config":[]}]}""";
        RoundTrip<ComponentSpecification>(json);
        Assert.Equal("COMPONENT_y", Buckets.ComponentKey("y"));
        Assert.Equal("LATTICEDATA_default", Buckets.LatticeData("default"));
    }

    [Fact]
    public void Error_replies_are_written_as_upstream_writes_them()
    {
        Assert.Equal("""{"success":false,"message":"config data should be a map of string -> string"}""",
            Encoding.UTF8.GetString(LatticeJson.Encode(CtlResponse.Fail("config data should be a map of string -> string"))));
        Assert.Equal("""{"success":true,"message":""}""", Encoding.UTF8.GetString(LatticeJson.Encode(CtlResponse.Ok())));
    }

    [Fact]
    public void Events_have_the_cloudevents_envelope_and_sorted_data()
    {
        var now = DateTimeOffset.Parse("2024-01-22T20:13:22.611283Z", System.Globalization.CultureInfo.InvariantCulture);
        var scaled = new ComponentScaled { Annotations = [], HostId = "N", ImageRef = "x:1", MaxInstances = 10, ComponentId = "c" };
        var cloudEvent = CloudEvent.Create(EventNames.ComponentScaled, "N", LatticeJson.Element(scaled), now);
        var json = JsonDocument.Parse(LatticeJson.Encode(cloudEvent)).RootElement;
        Assert.Equal(["specversion", "id", "type", "source", "datacontenttype", "time", "data"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("com.wasmcloud.lattice.component_scaled", json.GetProperty("type").GetString());
        Assert.Equal("2024-01-22T20:13:22.611283Z", json.GetProperty("time").GetString());
        Assert.Equal("""{"annotations":{},"component_id":"c","host_id":"N","image_ref":"x:1","max_instances":10}""", json.GetProperty("data").GetRawText());
        Assert.Equal("component_scaled", LatticeJson.Decode<CloudEvent>(LatticeJson.Encode(cloudEvent)).Name);
    }

    [Fact]
    public void Event_ids_are_time_ordered_uuids()
    {
        var first = TimeOrderedId.NewUuid(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var later = TimeOrderedId.NewUuid(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_001));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", first);
        Assert.True(string.CompareOrdinal(first, later) < 0);
        Assert.StartsWith("018bcfe5-6800", first);
    }

    [Theory]
    [InlineData(0UL, "0s")]
    [InlineData(30UL, "30s")]
    [InlineData(65UL, "1m 5s")]
    [InlineData(3723UL, "1h 2m 3s")]
    [InlineData(86_400UL, "1day")]
    [InlineData(2 * 86_400UL + 1, "2days 1s")]
    [InlineData(31_557_600UL + 2_630_016UL, "1year 1month")]
    public void Uptime_reads_as_humantime_writes_it(ulong seconds, string expected) => Assert.Equal(expected, Uptime.Human(seconds));

    [Fact]
    public void Subjects_follow_the_prefix_and_lattice()
    {
        var subjects = new Subjects("prod", "acme.ctl");
        Assert.Equal("acme.ctl.v1.prod.component.scale.NABC", subjects.ComponentScale("NABC"));
        Assert.Equal("acme.ctl.v1.prod.config.put.db", subjects.ConfigPut("db"));
        // The event prefix does not follow --ctl-topic-prefix, as upstream hard-codes it.
        Assert.Equal("wasmbus.evt.prod.host_started", subjects.Event(EventNames.HostStarted));
    }

    [Theory]
    [InlineData("127.0.0.1:4222", "nats://127.0.0.1:4222")]
    [InlineData("nats://nats.example.com", "nats://nats.example.com:4222")]
    [InlineData("tls://[::1]:5222", "tls://[::1]:5222")]
    public void Nats_addresses_are_read(string text, string url) => Assert.Equal(url, NatsEndpoint.Parse(text).Url);

    private static void RoundTrip<T>(string json) => Assert.Equal(json, Encoding.UTF8.GetString(LatticeJson.Encode(LatticeJson.Decode<T>(Encoding.UTF8.GetBytes(json)))));
}
