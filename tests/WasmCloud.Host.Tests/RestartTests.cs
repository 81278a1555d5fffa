using WasmCloud.Testing;
using static WasmCloud.Host.Tests.Json;

namespace WasmCloud.Host.Tests;

/// <summary>A host stopped over the control interface and started again reads the lattice's links and config at once.</summary>
[Collection(LatticeCollection.Name)]
public sealed class RestartTests(LatticeFixture lattice)
{
    private const string Root = "wasmbus.ctl.v1.default";

    [Fact]
    public async Task A_restarted_host_serves_links_and_config_put_while_it_was_away()
    {
        var first = lattice.StartHost(["--label", "zone=restart"]);
        HostProcess? second = null;
        try
        {
            await lattice.WaitForStartAsync(first);
            var stop = await lattice.RequestAsync($"{Root}.host.stop.{first.Id}", $$"""{"host_id":"{{first.Id}}","timeout":1234}""");
            Assert.Equal("""{"success":true,"message":"successfully handled stop host"}""", stop.GetRawText());
            var stopped = await lattice.Events.WaitForAsync("host_stopped", source: first.Id);
            Assert.Equal(["labels"], Keys(stopped.GetProperty("data")));
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));

            // While it is gone, another host takes the config and the link.
            var port = NatsServerProcess.FreePort();
            Assert.True((await lattice.RequestAsync($"{Root}.config.put.restart-http", $$"""{"address":"127.0.0.1:{{port}}"}""")).GetProperty("success").GetBoolean());
            Assert.True((await lattice.RequestAsync($"{Root}.link.put",
                """{"source_id":"restart_http","target":"restart_hello","wit_namespace":"wasi","wit_package":"http","interfaces":["incoming-handler"],"source_config":["restart-http"]}""")).GetProperty("success").GetBoolean());

            // The same identity comes back, and has them from the buckets before it says it started.
            second = lattice.StartHost(["--label", "zone=restart"], first.Seed);
            Assert.Equal(first.Id, second.Id);
            await lattice.WaitForStartAsync(second, after: 1);
            await lattice.RequestAsync($"{Root}.component.scale.{second.Id}", $$"""{"component_ref":"{{LatticeFixture.HelloComponent}}","component_id":"restart_hello","count":1}""");
            await lattice.RequestAsync($"{Root}.provider.start.{second.Id}", """{"provider_id":"restart_http","provider_ref":"wasmcloud+builtin://http-server"}""");
            await lattice.Events.WaitForAsync("provider_started", d => Str(d, "provider_id") == "restart_http", source: second.Id);
            // Loading the 12 MB component can take a while on a busy machine, even from the compile cache.
            await lattice.Events.WaitForAsync("component_scaled", d => Str(d, "component_id") == "restart_hello", source: second.Id, timeout: TimeSpan.FromSeconds(90));
            using var http = new HttpClient();
            Assert.Equal("Hello from wasmCloud for .NET! GET /again\n", await Serving.GetAsync(http, $"http://127.0.0.1:{port}/again"));
            await lattice.RequestAsync($"{Root}.host.stop.{second.Id}", "");
            await second.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }
}
