using System.Text.Json;
using static WasmCloud.Host.Tests.Json;

namespace WasmCloud.Host.Tests;

/// <summary>Malformed and wrong requests get <c>success: false</c> naming what is wrong, and the lattice is as it was.</summary>
[Collection(LatticeCollection.Name)]
public sealed class BadRequestTests(LatticeFixture lattice)
{
    private const string Root = "wasmbus.ctl.v1.default";

    [Fact]
    public async Task Every_kind_of_bad_request_is_refused_and_nothing_changes()
    {
        var host = lattice.A.Id;
        var before = await SnapshotAsync();
        var malformed = new Dictionary<string, string>
        {
            [$"component.scale.{host}"] = "component scale command",
            [$"component.update.{host}"] = "update component command",
            [$"provider.start.{host}"] = "start provider command",
            [$"provider.stop.{host}"] = "stop provider command",
            [$"host.stop.{host}"] = "stop host command",
            ["link.put"] = "link definition",
            ["link.del"] = "link deletion request",
            [$"label.put.{host}"] = "host label",
            [$"label.del.{host}"] = "host label identifier",
            ["registry.put"] = "registry credentials",
        };
        foreach (var (subject, what) in malformed)
        {
            var reply = await lattice.RequestAsync($"{Root}.{subject}", "{not json");
            Assert.False(reply.GetProperty("success").GetBoolean(), subject);
            Assert.StartsWith($"failed to deserialize {what}: ", Str(reply, "message"));
        }

        await Refused($"component.scale.{host}", """{"component_ref":"x:1"}""", "component_id");
        await Refused("link.put", """{"source_id":"s","target":"t","wit_namespace":"wasi"}""", "wit_package");
        await Refused($"component.scale.{host}", """{"component_ref":"ghcr.io/wasmcloud/components/http-hello-world-rust:latest","component_id":"latest_one","count":1}""",
            "fetching images tagged 'latest' is currently prohibited in this host");
        await Refused($"component.scale.{host}", $$"""{"component_ref":"{{LatticeFixture.HelloComponent}}","component_id":"configless","count":1,"config":["absent"]}""",
            "Unable to fetch requested config: Config absent does not exist");
        await Refused($"component.update.{host}", """{"component_id":"ghost","host_id":"x","new_component_ref":"x:1"}""", "component ghost not found");
        await Refused($"host.stop.{host}", """{"host_id":"NOTME"}""", "invalid host_id [NOTME]");
        await Refused($"provider.start.{host}", """{"provider_id":"odd","provider_ref":"wasmcloud+builtin://teleporter"}""", "unknown builtin name: teleporter");
        await Refused($"host.frobnicate.{host}", "", "unsupported subject");
        await Refused($"config.get", "", "unsupported subject");

        // A reference the host accepts but cannot fetch fails later, as an event.
        var ack = await lattice.RequestAsync($"{Root}.component.scale.{host}", """{"component_ref":"file:///nonexistent/x.wasm","component_id":"missing_file","count":1}""");
        Assert.True(ack.GetProperty("success").GetBoolean(), ack.GetRawText());
        var failed = await lattice.Events.WaitForAsync("component_scale_failed", d => Str(d, "component_id") == "missing_file", source: host);
        Assert.Equal(["annotations", "component_id", "error", "host_id", "image_ref", "max_instances"], Keys(failed.GetProperty("data")));
        Assert.Contains("no such file", Str(failed.GetProperty("data"), "error"));

        // A component that is not a component.
        var junk = Path.Combine(lattice.CompileCache, "junk.wasm");
        await File.WriteAllBytesAsync(junk, [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0xff]);
        await lattice.RequestAsync($"{Root}.component.scale.{host}", $$"""{"component_ref":"file://{{junk}}","component_id":"junk","count":1}""");
        await lattice.Events.WaitForAsync("component_scale_failed", d => Str(d, "component_id") == "junk", source: host);

        Assert.Equal(before, await SnapshotAsync());
        Assert.All(lattice.Hosts, h => Assert.False(h.HasExited, h.Log));
    }

    [Fact]
    public async Task File_references_are_refused_by_a_host_that_does_not_allow_them()
    {
        await using var strict = HostProcess.Start(lattice.Nats.Port, ["--label", "zone=strict"], environment: new Dictionary<string, string> { ["WASMCLOUD_CACHE_DIR"] = lattice.CompileCache });
        await lattice.WaitForStartAsync(strict);
        var reply = await lattice.RequestAsync($"{Root}.component.scale.{strict.Id}", $$"""{"component_ref":"{{LatticeFixture.HelloComponent}}","component_id":"from_file","count":1}""");
        Assert.False(reply.GetProperty("success").GetBoolean());
        Assert.Contains("unable to start component from file, file loading is disabled", Str(reply, "message"));
        await lattice.RequestAsync($"{Root}.host.stop.{strict.Id}", "");
        await strict.WaitForExitAsync(TimeSpan.FromSeconds(20));
    }

    private async Task Refused(string subject, string body, string expected)
    {
        var reply = await lattice.RequestAsync($"{Root}.{subject}", body);
        Assert.False(reply.GetProperty("success").GetBoolean(), $"{subject}: {reply}");
        Assert.Contains(expected, Str(reply, "message"));
    }

    /// <summary>What every host runs, with its labels, and the lattice's links.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var host in lattice.Hosts)
        {
            var inventory = (await lattice.RequestAsync($"{Root}.host.get.{host.Id}", "")).GetProperty("response");
            parts.Add(inventory.GetProperty("components").GetRawText() + inventory.GetProperty("providers").GetRawText() + inventory.GetProperty("labels").GetRawText());
        }
        var links = (await lattice.RequestAsync($"{Root}.link.get", "")).GetProperty("response").EnumerateArray().Select(l => l.GetRawText()).Order();
        return string.Join('\n', parts.Concat(links));
    }
}
