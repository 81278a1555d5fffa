using System.Text.Json.Nodes;

namespace WasmCloud.Wadm.Tests;

/// <summary>
/// wadm's NATS API against a real nats-server, reply by reply as upstream's handlers write them (the literals are
/// upstream's types serialised in their field order, with the messages of <c>server/handlers.rs</c>). Each test has
/// a lattice of its own.
/// </summary>
public sealed class ApiTests(WadmFixture wadm) : IClassFixture<WadmFixture>
{
    private static string Manifest(string name, string? version, int instances = 1) => $$"""
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: {{name}}
          annotations:
            {{(version is null ? "" : $"version: {version}")}}
            description: |
              Demo WebAssembly component
        spec:
          components:
            - name: greeter
              type: component
              properties:
                image: file:///nowhere/greeter.wasm
              traits:
                - type: spreadscaler
                  properties:
                    replicas: {{instances}}
        """;

    [Fact]
    public async Task Put_get_versions_deploy_undeploy_and_status_answer_as_upstream()
    {
        const string api = "wadm.api.crud.model";
        Assert.Equal("""{"result":"created","total_versions":1,"current_version":"v0.0.1","message":"Successfully put manifest demo ","name":"demo"}""",
            await wadm.RequestAsync($"{api}.put", Manifest("demo", "v0.0.1"), "application/yaml"));
        Assert.Equal("""{"result":"ok","message":"Successfully fetched status for application demo","status":{"status":{"type":"undeployed"},"version":"","components":[]}}""",
            await wadm.RequestAsync($"{api}.status.demo"));
        Assert.Equal("""{"result":"newversion","total_versions":2,"current_version":"v0.0.2","message":"Successfully put manifest demo v0.0.1","name":"demo"}""",
            await wadm.RequestAsync($"{api}.put", Manifest("demo", "v0.0.2", 2)));
        Assert.Equal("""{"result":"error","message":"Manifest version v0.0.1 already exists"}""",
            await wadm.RequestAsync($"{api}.put", Manifest("demo", "v0.0.1")));
        Assert.Equal("""{"result":"success","message":"Successfully fetched versions for application demo","versions":[{"version":"v0.0.1","deployed":false},{"version":"v0.0.2","deployed":false}]}""",
            await wadm.RequestAsync($"{api}.versions.demo"));

        Assert.Equal("""{"result":"success","message":"Successfully fetched application demo v0.0.1","manifest":{"apiVersion":"core.oam.dev/v1beta1","kind":"Application","metadata":{"name":"demo","annotations":{"description":"Demo WebAssembly component\n","version":"v0.0.1"}},"spec":{"components":[{"name":"greeter","type":"component","properties":{"image":"file:///nowhere/greeter.wasm"},"traits":[{"type":"spreadscaler","properties":{"instances":1}}]}]}}}""",
            await wadm.RequestAsync($"{api}.get.demo", """{"version":"v0.0.1"}"""));
        var current = JsonNode.Parse(await wadm.RequestAsync($"{api}.get.demo"))!;
        Assert.Equal("Successfully fetched application demo", (string?)current["message"]);
        Assert.Equal(2, (int?)current["manifest"]!["spec"]!["components"]![0]!["traits"]![0]!["properties"]!["instances"]);
        Assert.Equal("""{"result":"notfound","message":"Application demo with version v9 doesn't exist"}""", await wadm.RequestAsync($"{api}.get.demo", """{"version":"v9"}"""));
        Assert.Equal("""{"result":"notfound","message":"Application with the name nope not found"}""", await wadm.RequestAsync($"{api}.get.nope"));

        Assert.Equal("""{"result":"acknowledged","message":"Successfully deployed application demo v0.0.2","name":"demo","version":"v0.0.2"}""",
            await wadm.RequestAsync($"{api}.deploy.demo"));
        Assert.Equal("""{"result":"success","message":"Successfully fetched versions for application demo","versions":[{"version":"v0.0.1","deployed":false},{"version":"v0.0.2","deployed":true}]}""",
            await wadm.RequestAsync($"{api}.versions.demo"));
        Assert.Equal("""{"result":"notfound","message":"Application with the name foobar not found","name":"foobar","version":null}""",
            await wadm.RequestAsync($"{api}.deploy.foobar"));
        Assert.Equal("""{"result":"error","message":"Application with the name 'demo' does not have a version 'v7' to deploy","name":"demo","version":"v7"}""",
            await wadm.RequestAsync($"{api}.deploy.demo", """{"version":"v7"}"""));

        // With no host in the lattice, the deployed application waits, and says why.
        var status = await EventuallyAsync(async () => JsonNode.Parse(await wadm.RequestAsync($"{api}.status.demo"))!, s => (string?)s["status"]!["status"]!["type"] == "waiting");
        Assert.Equal("SpreadScaler", (string?)status["status"]!["scalers"]![0]!["kind"]);
        Assert.Equal("demo-greeter", (string?)status["status"]!["scalers"]![0]!["name"]);

        var list = JsonNode.Parse(await wadm.RequestAsync($"{api}.get"))!;
        Assert.Equal("Successfully fetched list of applications", (string?)list["message"]);
        var model = list["models"]![0]!.AsObject();
        Assert.Equal(["name", "version", "description", "deployed_version", "detailed_status", "status", "status_message"], model.Select(p => p.Key));
        Assert.Equal("v0.0.2", (string?)model["deployed_version"]);
        Assert.Equal("undeployed", (string?)model["status"]);
        Assert.Equal("waiting", (string?)model["detailed_status"]!["status"]!["type"]);
        Assert.IsType<JsonArray>(JsonNode.Parse(await wadm.RequestAsync($"{api}.list")));

        Assert.Equal("""{"result":"acknowledged","message":"Successfully undeployed application demo","name":"demo","version":null}""",
            await wadm.RequestAsync($"{api}.undeploy.demo", "{}"));
        Assert.Equal("""{"result":"acknowledged","message":"Application demo was already undeployed","name":"demo","version":null}""",
            await wadm.RequestAsync($"{api}.undeploy.demo"));
        Assert.Equal("""{"result":"error","message":"Model deployment history is not currently supported. It may be added in a future version"}""",
            await wadm.RequestAsync($"{api}.history.demo"));
    }

    [Fact]
    public async Task Delete_answers_each_case_as_upstream()
    {
        const string api = "wadm.api.del.model";
        foreach (var v in new[] { "v1", "v2", "v3" }) await wadm.RequestAsync($"{api}.put", Manifest("gone", v));
        await wadm.RequestAsync($"{api}.deploy.gone", """{"version":"v2"}""");
        Assert.Equal("""{"result":"deleted","message":"Successfully deleted version v1 of application gone","undeploy":false}""", await wadm.RequestAsync($"{api}.del.gone", """{"version":"v1"}"""));
        Assert.Equal("""{"result":"deleted","message":"Successfully deleted version v2 of application gone","undeploy":true}""", await wadm.RequestAsync($"{api}.del.gone", """{"version":"v2"}"""));
        Assert.Equal("""{"result":"noop","message":"Application version v2 doesn't exist","undeploy":false}""", await wadm.RequestAsync($"{api}.del.gone", """{"version":"v2"}"""));
        Assert.Equal("""{"result":"deleted","message":"Successfully deleted last version of application gone","undeploy":true}""", await wadm.RequestAsync($"{api}.del.gone", """{"version":"v3"}"""));
        Assert.Equal("""{"result":"noop","message":"Application gone doesn't exist or was already deleted","undeploy":false}""", await wadm.RequestAsync($"{api}.del.gone"));
        await wadm.RequestAsync($"{api}.put", Manifest("all", "v1"));
        await wadm.RequestAsync($"{api}.put", Manifest("all", "v2"));
        Assert.Equal("""{"result":"deleted","message":"Successfully deleted application all","undeploy":true}""", await wadm.RequestAsync($"{api}.del.all"));
        Assert.Equal("""{"result":"success","message":"Successfully fetched list of applications","models":[]}""", await wadm.RequestAsync($"{api}.get"));
    }

    [Fact]
    public async Task A_manifest_without_a_version_gets_a_ulid_and_every_put_of_it_is_a_new_version()
    {
        const string api = "wadm.api.ulid.model";
        var first = JsonNode.Parse(await wadm.RequestAsync($"{api}.put", Manifest("fresh", null)))!;
        var second = JsonNode.Parse(await wadm.RequestAsync($"{api}.put", Manifest("fresh", null)))!;
        Assert.Equal("created", (string?)first["result"]);
        Assert.Equal("newversion", (string?)second["result"]);
        var version = (string)first["current_version"]!;
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", version);
        var stored = JsonNode.Parse(await wadm.RequestAsync($"{api}.get.fresh", $$"""{"version":"{{version}}"}"""))!;
        Assert.Equal(version, (string?)stored["manifest"]!["metadata"]!["annotations"]!["version"]);
    }

    [Fact]
    public async Task Malformed_requests_get_an_error_and_change_nothing()
    {
        const string api = "wadm.api.bad.model";
        await wadm.RequestAsync($"{api}.put", Manifest("kept", "v1"));
        var before = await wadm.RequestAsync($"{api}.versions.kept");
        string Message(string reply) => (string)JsonNode.Parse(reply)!["message"]!;
        async Task<string> Error(string subject, string body, string? contentType = null)
        {
            var reply = JsonNode.Parse(await wadm.RequestAsync(subject, body, contentType))!.AsObject();
            Assert.Equal(["result", "message"], reply.Select(p => p.Key));
            Assert.Equal("error", (string?)reply["result"]);
            return (string)reply["message"]!;
        }
        Assert.StartsWith("Unable to parse manifest: YAML parsing failed:", await Error($"{api}.put", "{ not: [ yaml"));
        Assert.Equal("Unable to parse manifest: Unsupported content type text/plain given. Wadm supports YAML and JSON", await Error($"{api}.put", Manifest("kept", "v2"), "text/plain"));
        Assert.StartsWith("Unable to parse manifest:", await Error($"{api}.put", Manifest("kept", "v2"), "application/json"));
        Assert.Equal("invalid manifest version, errors: \"latest is not allowed in wadm\"", await Error($"{api}.put", Manifest("kept", "latest")));
        Assert.Equal("Manifest name bad.name contains invalid characters. Manifest names can only contain alphanumeric characters, dashes, and underscores.",
            await Error($"{api}.put", Manifest("bad.name", "v1")));
        Assert.Contains("spec.components[0].traits[0].properties.instances", await Error($"{api}.put", Manifest("kept", "v3").Replace("replicas: 1", "replicas: many")));
        Assert.StartsWith("Unable to parse get application request:", await Error($"{api}.get.kept", "{nope"));
        Assert.StartsWith("Unable to parse deploy application request:", await Error($"{api}.deploy.kept", "[1]"));
        Assert.StartsWith("Unable to parse delete application request:", await Error($"{api}.del.kept", "\"x\""));
        Assert.StartsWith("Invalid subject: Expected to find operation", await Error("wadm.api.bad.model", ""));
        Assert.StartsWith("Invalid subject: Found extra components", await Error($"{api}.get.kept.extra", ""));
        Assert.Equal("Unsupported subject: wadm.api.bad.model.frobnicate.kept", await Error($"{api}.frobnicate.kept", ""));
        Assert.Equal("Unsupported subject: wadm.api.bad.other.get", await Error("wadm.api.bad.other.get", ""));
        Assert.Equal(before, await wadm.RequestAsync($"{api}.versions.kept"));
        Assert.Equal("Successfully fetched application kept", Message(await wadm.RequestAsync($"{api}.get.kept")));
    }

    [Fact]
    public async Task A_component_id_another_deployed_application_uses_refuses_the_deploy()
    {
        const string api = "wadm.api.clash.model";
        await wadm.RequestAsync($"{api}.put", Manifest("first", "v1").Replace("image: file:///nowhere/greeter.wasm", "image: file:///nowhere/greeter.wasm\n        id: shared-id"));
        await wadm.RequestAsync($"{api}.put", Manifest("second", "v1").Replace("image: file:///nowhere/greeter.wasm", "image: file:///nowhere/greeter.wasm\n        id: shared-id"));
        Assert.Contains("acknowledged", await wadm.RequestAsync($"{api}.deploy.first"));
        Assert.Equal("""{"result":"error","message":"Component identifier 'shared-id' is already deployed in a different application 'first'."}""",
            await wadm.RequestAsync($"{api}.deploy.second"));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(100);
        }
    }
}
