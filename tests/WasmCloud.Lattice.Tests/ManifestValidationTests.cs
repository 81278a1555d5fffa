using WasmCloud.Lattice.Wadm;
using WasmCloud.Testing;

namespace WasmCloud.Lattice.Tests;

/// <summary>OAM manifests as wadm reads them: one invalid manifest per rule, each reported with its path; valid shapes pass.</summary>
public sealed class ManifestValidationTests
{
    private const string Valid = """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: rust-hello-world
          annotations:
            version: v0.0.1
            description: HTTP hello world demo in Rust
        spec:
          policies:
            - name: vault
              type: policy.secret.wasmcloud.dev/v1alpha1
              properties: { backend: vault }
          components:
            - name: http-component
              type: component
              properties:
                image: ghcr.io/wasmcloud/components/http-hello-world-rust:0.1.0
                config:
                  - name: greeting
                    properties: { word: hello }
                secrets:
                  - name: api-key
                    properties: { policy: vault, key: /api/key }
              traits:
                - type: spreadscaler
                  properties:
                    instances: 6
                    spread:
                      - name: east
                        requirements: { zone: east }
                        weight: 80
                      - name: west
                        requirements: { zone: west }
                        weight: 20
                - type: link
                  properties:
                    namespace: wasi
                    package: keyvalue
                    interfaces: [atomics, store]
                    target:
                      name: kvredis
                      config:
                        - name: redis-url
                          properties: { url: "redis://127.0.0.1:6379" }
            - name: kvredis
              type: capability
              properties:
                image: ghcr.io/wasmcloud/keyvalue-redis:0.28.1
            - name: httpserver
              type: capability
              properties:
                image: ghcr.io/wasmcloud/http-server:0.26.0
              traits:
                - type: link
                  properties:
                    namespace: wasi
                    package: http
                    interfaces: [incoming-handler]
                    target: { name: http-component }
                    source_config:
                      - name: default-http
                        properties: { address: 0.0.0.0:8080 }
                - type: daemonscaler
                  properties: { replicas: 1 }
        """;

    [Fact]
    public void Upstreams_manifest_shapes_and_the_examples_validate()
    {
        var problems = ManifestValidator.Validate(Valid);
        Assert.DoesNotContain(problems, p => p.IsError);
        // The deprecated source_config is accepted, with a warning.
        Assert.Contains(problems, p => !p.IsError && p.Path.EndsWith("source_config"));
        foreach (var example in new[] { "http-hello-js", "http-keyvalue-counter", "messaging-echo" })
            Assert.Empty(ManifestValidator.Validate(File.ReadAllText(Repository.PathOf($"examples/{example}/wadm.yaml"))));
        // JSON is YAML: the same manifest as JSON.
        Assert.Empty(ManifestValidator.Validate("""{"apiVersion":"core.oam.dev/v1beta1","kind":"Application","metadata":{"name":"j"},"spec":{"components":[{"name":"c","type":"actor","properties":{"image":"x:1"},"traits":[{"type":"spreadscaler","properties":{"replicas":1}}]}]}}"""));
    }

    public static TheoryData<string, string, string, string> Rules() => new()
    {
        { "apiVersion", "apiVersion: core.oam.dev/v1beta1\n", "", "is required" },
        { "metadata.name", "name: rust-hello-world", "name: \"rust hello\"", "manifest name [rust hello] is not allowed" },
        { "metadata.annotations.version", "version: v0.0.1", "version: latest", "latest is not allowed in wadm" },
        { "metadata.annotations.-bad", "version: v0.0.1", "version: v0.0.1\n    -bad: x", "Invalid OAM annotation" },
        { "spec.components[0].properties.secrets[0].properties.policy", "type: policy.secret.wasmcloud.dev/v1alpha1", "type: policy.other/v1", "which is not a secret policy" },
        { "spec.components[0].properties.secrets[0].properties.policy", "properties: { backend: vault }", "properties: { address: x }", "does not include a 'backend' property" },
        { "spec.components[0].traits[0].properties.spread[0].zone", "- name: east\n                requirements", "- name: east\n                zone: east\n                requirements", "unknown key `zone`" },
        { "spec.components[0].properties.colour", "image: ghcr.io/wasmcloud/components/http-hello-world-rust:0.1.0", "image: ghcr.io/wasmcloud/components/http-hello-world-rust:0.1.0\n        colour: red", "unknown key `colour`" },
        { "spec.components[1].properties", "image: ghcr.io/wasmcloud/keyvalue-redis:0.28.1", "image: ghcr.io/wasmcloud/keyvalue-redis:0.28.1\n        application: { name: shared, component: kv }", "cannot have both 'image' and 'application'" },
        { "spec.components[1].properties.config", "image: ghcr.io/wasmcloud/keyvalue-redis:0.28.1", "application: { name: shared, component: kv }\n        config: [{ name: extra }]", "Shared component 'shared' cannot specify additional 'config'" },
        { "spec.components[0].traits[2].properties.name", "properties: { url: \"redis://127.0.0.1:6379\" }", "properties: { url: \"redis://127.0.0.1:6379\" }\n        - type: link\n          properties: { namespace: wasi, package: keyvalue, interfaces: [store], target: kvredis }", "Duplicate link found inside component" },
        { "spec.policies[0].name", "- name: vault\n      type: policy", "- name: \"\"\n      type: policy", "is required" },
        { "spec.components[1].name", "- name: kvredis", "- name: http-component", "Duplicate component name in manifest: http-component" },
        { "spec.components[1].type", "name: kvredis\n      type: capability", "name: kvredis\n      type: provider", "must be component (or actor) or capability" },
        { "spec.components[1].properties.image", "image: ghcr.io/wasmcloud/keyvalue-redis:0.28.1", "imag: ghcr.io/wasmcloud/keyvalue-redis:0.28.1", "is required" },
        { "spec.components[0].properties.config[0].properties.word", "properties: { word: hello }", "properties: { word: [hello] }", "config values are strings" },
        { "spec.components[0].properties.secrets[0].properties.policy", "policy: vault, key", "policy: vaults, key", "secret 'api-key' is mapped to unknown policy 'vaults'" },
        { "spec.components[0].traits[0].properties.instances", "instances: 6", "instances: six", "must be a whole number of 0 or more" },
        { "spec.components[0].traits[0].properties.instances", "instances: 6", "count: 6", "is required (instances, or replicas)" },
        { "spec.components[0].traits[0].properties.spread[1].weight", "weight: 20", "weight: -20", "must be a whole number of 0 or more" },
        { "spec.components[0].traits[0].properties.spread", "weight: 80\n              - name: west\n                requirements: { zone: west }\n                weight: 20", "weight: 0\n              - name: west\n                requirements: { zone: west }\n                weight: 0", "weights add up to 0" },
        { "spec.components[0].traits[0].properties.spread[1].name", "- name: west", "- name: east", "names another spread of this scaler too" },
        { "spec.components[0].traits[1].properties.namespace", "namespace: wasi\n            package: keyvalue", "package: keyvalue", "is required" },
        { "spec.components[0].traits[1].properties.interfaces", "interfaces: [atomics, store]", "interfaces: []", "must list at least one interface" },
        { "spec.components[0].traits[1].properties.target", "name: kvredis\n              config", "name: kvdb\n              config", "no component in the manifest is named `kvdb`" },
        { "spec.components[2].traits[2].type", "- type: daemonscaler\n          properties: { replicas: 1 }", "- type: daemonscaler\n          properties: { replicas: 1 }\n        - type: spreadscaler\n          properties: { replicas: 1 }", "at most one scaler" },
        { "spec.components[0].properties.config[0].name", "- name: greeting", "- name: SECRET_greeting", "may not start with SECRET_" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_is_reported_at_its_path(string path, string from, string to, string message)
    {
        var manifest = Valid.Replace(from, to);
        Assert.NotEqual(Valid, manifest);
        var problems = ManifestValidator.Validate(manifest);
        Assert.Contains(problems, p => p.IsError && p.Path == path && p.Message.Contains(message));
    }

    [Fact]
    public void What_upstream_accepts_but_looks_wrong_is_a_warning()
    {
        var problems = ManifestValidator.Validate(Valid.Replace("kind: Application", "kind: Deployment").Replace("type: daemonscaler", "type: autoscaler")
            .Replace("interfaces: [atomics, store]", "interfaces: [atomics, stor]"));
        Assert.DoesNotContain(problems, p => p.IsError);
        Assert.Contains(problems, p => p.Path == "kind" && p.Message.Contains("wadm reads Application"));
        Assert.Contains(problems, p => p.Path == "spec.components[2].traits[1].type" && p.Message.Contains("unknown trait `autoscaler` is ignored"));
        Assert.Contains(problems, p => p.Message == "unrecognized interface [wasi:keyvalue/stor]");
    }

    [Fact]
    public void Two_links_that_define_config_of_one_name_are_refused()
    {
        var manifest = Valid.Replace("- name: default-http\n                properties: { address: 0.0.0.0:8080 }", "- name: redis-url\n                properties: { address: 0.0.0.0:8080 }")
            .Replace("source_config:", "source:\n              config:");
        var problem = Assert.Single(ManifestValidator.Validate(manifest), p => p.IsError);
        Assert.Contains("Duplicate link config name found: 'redis-url'", problem.Message);
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var problems = ManifestValidator.Validate(Valid.Replace("name: rust-hello-world", "name: a.b").Replace("instances: 6", "instances: -1").Replace("name: kvredis\n              config", "name: nope\n              config"));
        Assert.Equal(3, problems.Count(p => p.IsError));
    }

    [Theory]
    [InlineData("")]
    [InlineData("just a string")]
    [InlineData("{ unclosed: [")]
    [InlineData("a: 1\n---\nb: 2")]
    public void Text_that_is_not_a_manifest_is_one_clear_problem(string text)
    {
        var problem = Assert.Single(ManifestValidator.Validate(text));
        Assert.True(problem.IsError);
        Assert.Equal("(manifest)", problem.Path);
    }

    [Theory]
    [InlineData("mymodel", "echo-component", "mymodel-echo_component")]
    [InlineData("some model name with spaces cause yaml", "echo", "some_model_name_with_spaces_cause_yaml-echo")]
    [InlineData("My ThInG", "thing.wasm", "my_thing-thing_wasm")]
    [InlineData("hello-simple", "hello", "hello_simple-hello")]
    public void Component_ids_follow_wadms_rule(string manifest, string component, string id) =>
        Assert.Equal(id, ManifestValidator.ComponentId(manifest, component));
}
