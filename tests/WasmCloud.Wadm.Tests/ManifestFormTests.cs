using System.Text.Json.Nodes;
using WasmCloud.Lattice.Wadm;
using WasmCloud.Wadm.Scaling;
using WasmCloud.Wadm.Storage;

namespace WasmCloud.Wadm.Tests;

/// <summary>Manifests as wadm stores and returns them, and the scalers a manifest becomes.</summary>
public sealed class ManifestFormTests
{
    private const string Legacy = """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: legacy
          annotations: { version: v1, description: old spellings }
        spec:
          components:
            - name: echo
              type: actor
              properties:
                image: file://echo.wasm
              traits:
                - type: spreadscaler
                  properties: { replicas: 2 }
                - type: link
                  properties:
                    namespace: wasi
                    package: keyvalue
                    interfaces: [store]
                    target: kv
                    target_config:
                      - name: bucket
                        properties: { bucket: counts }
                    source_config:
                      - name: shared
            - name: kv
              type: capability
              properties:
                image: ghcr.io/wasmcloud/keyvalue-redis:0.28.1
        """;

    [Fact]
    public void Aliases_and_deprecated_forms_are_written_in_their_current_spelling()
    {
        var written = ManifestJson.Write(ManifestJson.Read(ManifestJson.ParseText(Legacy, "application/yaml")));
        Assert.Equal(
            """{"apiVersion":"core.oam.dev/v1beta1","kind":"Application","metadata":{"name":"legacy","annotations":{"description":"old spellings","version":"v1"}},"spec":{"components":[{"name":"echo","type":"component","properties":{"image":"file://echo.wasm"},"traits":[{"type":"spreadscaler","properties":{"instances":2}},{"type":"link","properties":{"namespace":"wasi","package":"keyvalue","interfaces":["store"],"source":{"config":[{"name":"shared"}]},"target":{"name":"kv","config":[{"name":"bucket","properties":{"bucket":"counts"}}]}}}]},{"name":"kv","type":"capability","properties":{"image":"ghcr.io/wasmcloud/keyvalue-redis:0.28.1"}}]}}""",
            written.ToJsonString());
    }

    [Fact]
    public void A_manifest_becomes_config_component_provider_and_link_scalers()
    {
        var manifest = ManifestJson.Read(ManifestJson.ParseText(Legacy, null));
        var scalers = AppPlan.Scalers(manifest);
        Assert.Equal(["ConfigScaler:legacy-bucket", "SpreadScaler:legacy-echo", "LinkScaler:legacy-echo -(wasi:keyvalue)-> legacy-kv", "SpreadScaler:legacy-kv"],
            scalers.Select(s => $"{s.Kind}:{s.Name}"));
        // A provider without a scaler trait runs once; inline config is named after the application, a bare name is used as it is.
        var link = Assert.IsType<LinkScaler>(scalers[2]);
        Assert.Equal(["shared", "legacy-bucket"], link.RequiredConfig);
        Assert.Equal(64, scalers[1].Id.Length);
        Assert.Equal(scalers[1].Id, AppPlan.Scalers(manifest)[1].Id);
    }

    [Fact]
    public void Stored_versions_keep_their_order_and_the_deployed_one()
    {
        var stored = new StoredManifest();
        foreach (var version in new[] { "v2", "v1", "v3" })
            Assert.True(stored.Add(ManifestJson.Read(ManifestJson.ParseText(Legacy.Replace("version: v1", $"version: {version}"), null))));
        Assert.False(stored.Add(stored.Get("v1")!));
        stored.DeployedVersion = "v1";
        var again = StoredManifest.Decode(stored.Encode());
        Assert.Equal(["v2", "v1", "v3"], again.Versions);
        Assert.Equal("v3", again.CurrentVersion);
        Assert.Equal("v1", again.Deployed!.Version);
        var json = JsonNode.Parse(stored.Encode())!.AsObject();
        Assert.Equal(["manifests", "deployed_version"], json.Select(p => p.Key));
        Assert.True(again.Remove("v1"));
        Assert.Null(again.DeployedVersion);
    }
}
