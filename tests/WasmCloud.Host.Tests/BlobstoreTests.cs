using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>
/// <c>wasi:blobstore</c> through the builtin blobstore providers, driven by examples/http-blobstore over HTTP: the
/// filesystem, NATS object store and S3 (s3rver on loopback), each through every operation the interface has, its
/// errors, and (S3, NATS) the server stopped mid-test and started again — with the provider on the component's host (in
/// process) and on another host (over <c>wrpc:blobstore/blobstore@0.2.0</c>), the same test both ways.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class BlobstoreTests : InProcessHosts
{
    private static readonly string Files = "file://" + Repository.PathOf("examples/http-blobstore/files.wasm");

    [Theory]
    [InlineData("blobstore-fs", "one host")]
    [InlineData("blobstore-nats", "one host")]
    [InlineData("blobstore-s3", "one host")]
    [InlineData("blobstore-fs", "two hosts")]
    [InlineData("blobstore-nats", "two hosts")]
    [InlineData("blobstore-s3", "two hosts")]
    public async Task Every_blobstore_operation_works_against_the_real_backend(string backend, string placement)
    {
        var config = new Dictionary<string, string>();
        var root = Directory.CreateTempSubdirectory("blobs-").FullName;
        S3ServerProcess? s3 = null;
        NatsServerProcess? nats = null;
        // The NATS backend's own server (cluster_uri), with its store kept across a restart.
        var natsStore = Path.Combine(root, ".nats-store");
        string NatsConfig(string _) => $"jetstream {{ store_dir: \"{natsStore}\" }}";
        try
        {
            switch (backend)
            {
                case "blobstore-fs":
                    config["ROOT"] = root;
                    break;
                case "blobstore-nats":
                    nats = await NatsServerProcess.StartAsync(NatsConfig);
                    config["cluster_uri"] = nats.Url;
                    break;
                case "blobstore-s3":
                    s3 = Own(await S3ServerProcess.StartAsync());
                    var settings = JsonSerializer.Serialize(new Dictionary<string, string>
                    {
                        ["access_key_id"] = S3ServerProcess.AccessKey, ["secret_access_key"] = S3ServerProcess.SecretKey, ["endpoint"] = s3.Endpoint, ["region"] = "us-east-1",
                    });
                    config["config_b64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(settings));
                    break;
            }
            var port = await ServeFilesAsync(backend, config, placement == "two hosts");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };

            Assert.Equal("stored 11 bytes as docs/a.txt\n", await Expect(HttpStatusCode.Created, http.PutAsync("/docs/a.txt", new StringContent("hello blobs"))));
            Assert.Equal("hello blobs", await Expect(HttpStatusCode.OK, http.GetAsync("/docs/a.txt")));
            // Start and end are inclusive; an end past the object stops at its last byte.
            Assert.Equal("ell", await Expect(HttpStatusCode.OK, http.GetAsync("/docs/a.txt?start=1&end=3")));
            Assert.Equal("blobs", await Expect(HttpStatusCode.OK, http.GetAsync("/docs/a.txt?start=6&end=999")));

            var big = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 3);
            await Expect(HttpStatusCode.Created, http.PutAsync("/docs/nested/big.bin", new ByteArrayContent(big)));
            Assert.Equal(big, await http.GetByteArrayAsync("/docs/nested/big.bin"));
            using (var info = JsonDocument.Parse(await Expect(HttpStatusCode.OK, http.GetAsync("/docs/nested/big.bin?info"))))
            {
                Assert.Equal(big.Length, info.RootElement.GetProperty("size").GetInt64());
                Assert.Equal("docs", info.RootElement.GetProperty("container").GetString());
                Assert.InRange(info.RootElement.GetProperty("createdAt").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
            }
            Assert.Equal("a.txt\nnested/big.bin\n", await Expect(HttpStatusCode.OK, http.GetAsync("/docs")));

            // Copy and move, within a container and to another one.
            await Expect(HttpStatusCode.Created, http.PutAsync("/archive/keep.txt", new StringContent("kept")));
            await Expect(HttpStatusCode.OK, http.PostAsync("/docs/a.txt?copy-to=/archive/a-copy.txt", null));
            Assert.Equal("hello blobs", await Expect(HttpStatusCode.OK, http.GetAsync("/archive/a-copy.txt")));
            await Expect(HttpStatusCode.OK, http.PostAsync("/archive/a-copy.txt?move-to=/docs/moved.txt", null));
            Assert.Equal("hello blobs", await Expect(HttpStatusCode.OK, http.GetAsync("/docs/moved.txt")));
            Assert.Equal("object `a-copy.txt` does not exist in container `archive`\n", await Expect(HttpStatusCode.NotFound, http.GetAsync("/archive/a-copy.txt")));
            Assert.Contains("container `nowhere` does not exist", await Expect(HttpStatusCode.NotFound, http.PostAsync("/docs/a.txt?copy-to=/nowhere/x", null)));

            // The interface's errors, each naming what is missing.
            Assert.Equal("container `ghost` does not exist\n", await Expect(HttpStatusCode.NotFound, http.GetAsync("/ghost/x")));
            Assert.Equal("object `missing` does not exist in container `docs`\n", await Expect(HttpStatusCode.NotFound, http.GetAsync("/docs/missing")));

            await Expect(HttpStatusCode.OK, http.DeleteAsync("/docs/a.txt"));
            await Expect(HttpStatusCode.NotFound, http.GetAsync("/docs/a.txt"));
            // Deleting what is not there is no error, as the interface says.
            await Expect(HttpStatusCode.OK, http.DeleteAsync("/docs/a.txt"));
            await Expect(HttpStatusCode.OK, http.DeleteAsync("/docs"));
            Assert.Equal("container `docs` does not exist\n", await Expect(HttpStatusCode.NotFound, http.GetAsync("/docs")));
            Assert.Equal("keep.txt\n", await Expect(HttpStatusCode.OK, http.GetAsync("/archive")));

            if (backend == "blobstore-fs")
            {
                // No name leaves the root: the store refuses it, and nothing is written outside.
                var refused = await Expect(HttpStatusCode.InternalServerError, http.PutAsync("/archive/..%2F..%2Fescaped.txt", new StringContent("x")));
                Assert.Contains("is not an object name this store can hold", refused);
                Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(root)!, "escaped.txt")));
                Assert.True(File.Exists(Path.Combine(root, "archive", "keep.txt")));
            }
            if (s3 is not null)
            {
                // The server away: calls fail with the interface's error and the host goes on; back, they work again.
                await s3.StopAsync();
                Assert.Contains("S3 cannot be reached", await Expect(HttpStatusCode.InternalServerError, http.GetAsync("/archive/keep.txt")));
                await s3.RestartAsync();
                Assert.Equal("kept", await Expect(HttpStatusCode.OK, http.GetAsync("/archive/keep.txt")));
            }
            if (nats is not null)
            {
                var natsPort = nats.Port;
                await nats.DisposeAsync();
                nats = null;
                Assert.Contains("cannot be reached", await Expect(HttpStatusCode.InternalServerError, http.GetAsync("/archive/keep.txt")));
                nats = await NatsServerProcess.StartAsync(NatsConfig, natsPort);
                string? back = null;
                for (var deadline = DateTime.UtcNow.AddSeconds(30); back is null && DateTime.UtcNow < deadline; await Task.Delay(200))
                {
                    using var response = await http.GetAsync("/archive/keep.txt");
                    if (response.StatusCode == HttpStatusCode.OK) back = await response.Content.ReadAsStringAsync();
                }
                Assert.Equal("kept", back);
            }
        }
        finally
        {
            if (nats is not null) await nats.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_link_every_call_fails_naming_the_missing_link()
    {
        var host = await StartHostAsync();
        await ScaleComponentAsync(host, "files", Files, 2);
        var port = NatsServerProcess.FreePort();
        await ServeHttpAsync(host, "files", port);
        using var http = new HttpClient();
        var response = await Eventually(() => http.GetAsync($"http://127.0.0.1:{port}/docs/x"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("no link `default` from files for wasi:blobstore (add one with `wash link put`)\n", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The file store on a host behind an http-server on a free port, linked to the blob store (on another host when asked).</summary>
    private async Task<int> ServeFilesAsync(string backend, Dictionary<string, string> config, bool providerElsewhere)
    {
        var host = await StartHostAsync();
        var providerHost = providerElsewhere ? await StartHostAsync() : host;
        await ScaleComponentAsync(host, "files", Files, 4);
        await StartProviderAsync(providerHost, "blobs", $"wasmcloud+builtin://{backend}");
        Assert.True((await Ctl.PutConfigAsync("files-blobs", config.Count > 0 ? config : new Dictionary<string, string> { ["storage_type"] = "file" })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = "files", Target = "blobs", WitNamespace = "wasi", WitPackage = "blobstore", Interfaces = ["blobstore"], TargetConfig = ["files-blobs"],
        })).Success);
        var port = NatsServerProcess.FreePort();
        await ServeHttpAsync(host, "files", port);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !host.State.LinksFrom("files").Any() && DateTime.UtcNow < deadline;) await Task.Delay(20);
        using var http = new HttpClient();
        await Eventually(() => http.GetAsync($"http://127.0.0.1:{port}/"));
        return port;
    }

    private async Task ServeHttpAsync(LatticeHost host, string target, int port)
    {
        Assert.True((await Ctl.PutConfigAsync($"{target}-http", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" })).Success);
        Assert.True((await Ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "http", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id })).Success);
        Assert.True((await Ctl.PutLinkAsync(new Link
        {
            SourceId = "http", Target = target, WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = [$"{target}-http"],
        })).Success);
    }

    private static async Task<string> Expect(HttpStatusCode status, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        return body;
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
