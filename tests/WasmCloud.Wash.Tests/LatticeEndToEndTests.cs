using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using WasmCloud.Testing;

namespace WasmCloud.Wash.Tests;

/// <summary>
/// The first thing a wasmCloud user does, by the CLI alone: wash up, start a component and the builtin HTTP
/// server, config and a link, curl, scale to zero, wash down — with a real nats-server that wash up starts.
/// </summary>
public sealed class LatticeEndToEndTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("wash-e2e-state-").FullName;
    private readonly int _natsPort = NatsServerProcess.FreePort();
    private readonly Dictionary<string, string> _env;

    public LatticeEndToEndTests()
    {
        _env = new Dictionary<string, string>
        {
            ["XDG_STATE_HOME"] = _state,
            ["WASMCLOUD_CTL_PORT"] = _natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WASMCLOUD_CACHE_DIR"] = Path.Combine(_state, "cache"),
        };
    }

    [Fact]
    public async Task Up_start_link_curl_scale_to_zero_and_down()
    {
        var component = Repository.PathOf("examples/http-hello-js/hello.wasm");
        var httpPort = NatsServerProcess.FreePort();
        try
        {
            await Ok("up", "-d", "--nats-port", _natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_state, "wasmcloud-dotnet", "up.json"))).RootElement;
            var pids = new[] { record.GetProperty("host_pid").GetInt32(), record.GetProperty("nats_pid").GetInt32(), record.GetProperty("wadm_pid").GetInt32() };

            var second = await Wash("up", "-d", "--nats-port", _natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1, second.ExitCode);
            Assert.Contains("already running", second.Stderr);

            Assert.Contains("started on host", await Ok("start", "component", "file://" + component, "hello"));
            Assert.Contains("started on host", await Ok("start", "provider", "wasmcloud+builtin://http-server", "http"));
            await Ok("config", "put", "hello-http", $"address=127.0.0.1:{httpPort}");
            await Ok("link", "put", "http", "hello", "wasi", "http", "--interface", "incoming-handler", "--source-config", "hello-http");

            using var http = new HttpClient();
            Assert.Equal("Hello from wasmCloud for .NET! GET /\n", await Eventually(() => http.GetStringAsync($"http://127.0.0.1:{httpPort}/")));

            var inventory = JsonDocument.Parse(await Ok("get", "inventory", "-o", "json")).RootElement;
            Assert.True(inventory.GetProperty("success").GetBoolean());
            var host = Assert.Single(inventory.GetProperty("inventories").EnumerateArray());
            Assert.Equal("hello", Assert.Single(host.GetProperty("components").EnumerateArray()).GetProperty("id").GetString());
            Assert.Equal("http", Assert.Single(host.GetProperty("providers").EnumerateArray()).GetProperty("id").GetString());
            var table = await Ok("get", "inventory");
            Assert.Contains("hello", table);
            Assert.Contains("wasmcloud+builtin://http-server", table);
            var links = JsonDocument.Parse(await Ok("get", "links", "-o", "json")).RootElement.GetProperty("links");
            Assert.Equal("hello", Assert.Single(links.EnumerateArray()).GetProperty("target").GetString());
            Assert.Contains("127.0.0.1", await Ok("config", "get", "hello-http"));

            var hostId = host.GetProperty("host_id").GetString()!;
            await Ok("scale", "component", hostId, "file://" + component, "hello", "--max-instances", "0");
            var gone = await http.GetAsync($"http://127.0.0.1:{httpPort}/");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);

            Assert.Contains("stopped", await Ok("down"));
            foreach (var pid in pids) Assert.False(Alive(pid), $"process {pid} is still running after wash down");
            Assert.False(File.Exists(Path.Combine(_state, "wasmcloud-dotnet", "up.json")));
        }
        finally
        {
            await Wash("down");
        }
    }

    /// <summary>
    /// The key-value counter through two hosts, by wash and curl alone: the counter on both, the http-server on the
    /// first, NATS key-value on the second (so every increment crosses hosts), and 1,000 concurrent curls counted
    /// exactly — the store's atomic increment, never a read-modify-write race.
    /// </summary>
    [Fact]
    public async Task A_thousand_concurrent_curls_through_two_hosts_count_exactly_a_thousand()
    {
        var counter = "file://" + Repository.PathOf("examples/http-keyvalue-counter/counter.wasm");
        var httpPort = NatsServerProcess.FreePort();
        try
        {
            await Ok("up", "-d", "--nats-port", _natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var first = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_state, "wasmcloud-dotnet", "up.json"))).RootElement.GetProperty("host_id").GetString()!;
            await using var second = HostProcess.Start(_natsPort, ["--allow-file-load"]);
            await Eventually(async () => JsonDocument.Parse(await Ok("get", "hosts", "-o", "json")).RootElement.GetProperty("hosts").GetArrayLength() == 2
                ? "two" : throw new InvalidOperationException($"the second host has not joined: {second.Log}"), seconds: 60);

            foreach (var host in new[] { first, second.Id })
                await Ok("start", "component", counter, "counter", "--host-id", host, "--max-instances", "8");
            await Ok("start", "provider", "wasmcloud+builtin://keyvalue-nats", "kv", "--host-id", second.Id);
            await Ok("start", "provider", "wasmcloud+builtin://http-server", "http", "--host-id", first);
            await Ok("config", "put", "counter-kv", "bucket=e2e-counts");
            await Ok("config", "put", "counter-http", $"address=127.0.0.1:{httpPort}");
            await Ok("link", "put", "counter", "kv", "wasi", "keyvalue", "--interface", "store", "--interface", "atomics", "--target-config", "counter-kv");
            await Ok("link", "put", "http", "counter", "wasi", "http", "--interface", "incoming-handler", "--source-config", "counter-http");

            using var http = new HttpClient();
            Assert.Equal("Counter /together: 1\n", await Eventually(() => http.GetStringAsync($"http://127.0.0.1:{httpPort}/together"), seconds: 60));
            var curl = new System.Diagnostics.ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-sS", "--fail", "--parallel", "--parallel-max", "100", $"http://127.0.0.1:{httpPort}/together?n=[1-1000]" }) curl.ArgumentList.Add(arg);
            using var process = System.Diagnostics.Process.Start(curl)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(process.ExitCode == 0, await errors);
            var counts = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => int.Parse(line["Counter /together: ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(2, 1000), counts.Order());
            Assert.Equal("Counter /together: 1002\n", await http.GetStringAsync($"http://127.0.0.1:{httpPort}/together"));
        }
        finally
        {
            await Wash("down");
        }
    }

    [Fact]
    public async Task Call_invokes_a_linked_component_and_prints_wave()
    {
        var greeter = Repository.PathOf("examples/wrpc-greeter/greeter.wasm");
        var caller = Repository.PathOf("examples/wrpc-greeter/caller.wasm");
        try
        {
            await Ok("up", "-d", "--nats-port", _natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Ok("start", "component", greeter, "greeter");
            await Ok("start", "component", caller, "caller");
            await Ok("link", "put", "caller", "greeter", "example", "wrpc", "--interface", "greeter");
            Assert.Equal("\"Hello, wash!\"\n", await Ok("call", "caller", "example:wrpc/relay.greet", "\"wash\""));
            Assert.Equal("ok({line: \"ada (-) [r] fish x2\", tag-count: 0})\n",
                await Ok("call", "caller", "example:wrpc/relay@0.1.0.inspect", "{name: \"ada\", tags: [], nickname: none, permissions: {read}, pet: fish(2)}"));
            var json = JsonDocument.Parse(await Ok("call", "greeter", "example:wrpc/greeter.greet", "\"json\"", "-o", "json")).RootElement;
            Assert.Equal("\"Hello, json!\"", json.GetProperty("result").GetString());

            foreach (var (args, expected) in new (string[], string)[]
            {
                (["call", "ghost", "example:wrpc/relay.greet", "\"x\""], "No host found running component [ghost]"),
                (["call", "caller", "example:wrpc/relay.frob"], "exports no example:wrpc/relay@0.1.0.frob"),
                (["call", "caller", "example:wrpc/relay.greet", "42"], "bad arguments"),
            })
            {
                var failed = await Wash(args);
                Assert.Equal(1, failed.ExitCode);
                Assert.Contains(expected, failed.Stderr);
                Assert.Single(failed.Stderr.Trim().Split('\n'));
            }
        }
        finally
        {
            await Wash("down");
        }
    }

    [Fact]
    public async Task Push_to_a_registry_pull_back_and_start_from_it()
    {
        await using var registry = await RegistryProcess.StartAsync();
        var component = Repository.PathOf("examples/http-hello-js/hello.wasm");
        var reference = $"{registry.Address}/components/hello:0.1.0";
        try
        {
            Assert.Contains($"Pushed hello.wasm to {reference}", await Ok("push", reference, component, "--insecure"));
            var pulled = Path.Combine(_state, "pulled.wasm");
            await Ok("pull", reference, "--insecure", "--destination", pulled);
            Assert.Equal(await File.ReadAllBytesAsync(component), await File.ReadAllBytesAsync(pulled));

            foreach (var (args, expected) in new (string[], string)[]
            {
                (["push", $"{registry.Address}/components/hello:latest", component, "--insecure"], "means `latest`"),
                (["push", $"{registry.Address}/components/notwasm:0.1.0", Repository.PathOf("README.md"), "--insecure"], "is not a component that loads"),
                (["pull", $"{registry.Address}/components/hello:9.9.9", "--insecure"], "was not found in the registry"),
            })
            {
                var failed = await Wash(args);
                Assert.Equal(1, failed.ExitCode);
                Assert.Contains(expected, failed.Stderr);
            }

            // The host pulls what was pushed, as a wasmCloud user's workflow goes.
            await Ok("up", "-d", "--nats-port", _natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--allowed-insecure", registry.Address);
            Assert.Contains("started on host", await Ok("start", "component", reference, "pulled"));
        }
        finally
        {
            await Wash("down");
        }
    }

    [Fact]
    public async Task Down_leaves_a_nats_server_that_up_joined_running()
    {
        await using var nats = await NatsServerProcess.StartAsync(dir => $"jetstream {{ store_dir: \"{dir}/js\" }}", _natsPort);
        try
        {
            var up = await Ok("up", "-d", "--nats-port", _natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "json");
            Assert.Equal($"nats://127.0.0.1:{_natsPort}", JsonDocument.Parse(up).RootElement.GetProperty("nats_url").GetString());
            Assert.Single(JsonDocument.Parse(await Ok("get", "hosts", "-o", "json")).RootElement.GetProperty("hosts").EnumerateArray());
            var down = JsonDocument.Parse(await Ok("down", "-o", "json")).RootElement;
            Assert.False(down.GetProperty("nats_stopped").GetBoolean());
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, _natsPort);
            Assert.Empty(JsonDocument.Parse(await Ok("get", "hosts", "-o", "json")).RootElement.GetProperty("hosts").EnumerateArray());
        }
        finally
        {
            await Wash("down");
        }
    }

    [Fact]
    public async Task Quickstart_up_app_deploy_curl_status_undeploy_and_down()
    {
        var httpPort = NatsServerProcess.FreePort();
        // The example's manifest as it is, but for a free port and the component's path (it names it relative to the host's directory).
        var manifest = Path.Combine(_state, "wadm.yaml");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(Repository.PathOf("examples/http-hello-js/wadm.yaml")))
            .Replace("file://./hello.wasm", "file://" + Repository.PathOf("examples/http-hello-js/hello.wasm"))
            .Replace("127.0.0.1:8000", $"127.0.0.1:{httpPort}"));
        Assert.Contains("image: ghcr.io/wasmcloud/http-server:0.26.0", await File.ReadAllTextAsync(manifest));
        try
        {
            Assert.Contains("with wadm", await Ok("up", "-d", "--nats-port", _natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_state, "wasmcloud-dotnet", "up.json"))).RootElement;
            var wadmPid = record.GetProperty("wadm_pid").GetInt32();
            Assert.Contains("No applications found", await Eventually(() => Ok("app", "list")));

            Assert.Contains("Successfully deployed application http-hello-js v0.1.0", await Ok("app", "deploy", manifest));
            using var http = new HttpClient();
            Assert.Equal("Hello from wasmCloud for .NET! GET /\n", await Eventually(() => http.GetStringAsync($"http://127.0.0.1:{httpPort}/"), seconds: 60));
            Assert.StartsWith("http-hello-js: Deployed", await Eventually(async () =>
            {
                var status = await Ok("app", "status", "http-hello-js");
                return status.StartsWith("http-hello-js: Deployed", StringComparison.Ordinal) ? status : throw new InvalidOperationException(status);
            }, seconds: 60));
            var list = await Ok("app", "list");
            Assert.Contains("http-hello-js", list);
            Assert.Contains("Deployed", list);
            var json = JsonDocument.Parse(await Ok("app", "list", "-o", "json")).RootElement;
            Assert.Equal("v0.1.0", json.GetProperty("applications")[0].GetProperty("deployed_version").GetString());
            Assert.Contains("name: http-hello-js", await Ok("app", "get", "http-hello-js"));
            Assert.Contains("v0.1.0", await Ok("app", "history", "http-hello-js"));
            var inventory = await Ok("get", "inventory");
            Assert.Contains("http_hello_js-hello", inventory);
            Assert.Contains("ghcr.io/wasmcloud/http-server:0.26.0", inventory);

            var again = await Wash("app", "deploy", manifest);
            Assert.Equal(1, again.ExitCode);
            Assert.Equal("error: Manifest version v0.1.0 already exists", again.Stderr.Trim());
            Assert.Contains("Successfully deployed", await Ok("app", "deploy", manifest, "--replace"));

            Assert.Contains("Successfully undeployed application http-hello-js", await Ok("app", "undeploy", "http-hello-js"));
            Assert.StartsWith("http-hello-js: Undeployed", await Eventually(async () =>
            {
                var status = await Ok("app", "status", "http-hello-js");
                var running = await Ok("get", "inventory");
                return status.StartsWith("http-hello-js: Undeployed", StringComparison.Ordinal) && !running.Contains("http_hello_js") ? status : throw new InvalidOperationException(status + running);
            }, seconds: 30));
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"http://127.0.0.1:{httpPort}/"));
            Assert.Contains("Successfully deleted application http-hello-js", await Ok("app", "delete", "http-hello-js"));
            var missing = await Wash("app", "deploy", "nope");
            Assert.Equal(1, missing.ExitCode);
            Assert.Equal("error: Application with the name nope not found", missing.Stderr.Trim());

            await Ok("down");
            Assert.False(Alive(wadmPid), "wadm is still running after wash down");
        }
        finally
        {
            await Wash("down");
        }
    }

    [Fact]
    public async Task App_commands_without_a_wadm_say_how_to_start_one()
    {
        try
        {
            await Ok("up", "-d", "--disable-wadm", "--nats-port", _natsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var result = await Wash("app", "list");
            Assert.Equal(1, result.ExitCode);
            Assert.Single(result.Stderr.Trim().Split('\n'));
            Assert.Contains("no wadm answers on wadm.api.default.model.get", result.Stderr);
            Assert.Contains("wash up", result.Stderr);
        }
        finally
        {
            await Wash("down");
        }
    }

    [Fact]
    public async Task Lattice_commands_without_a_lattice_fail_with_one_line()
    {
        var result = await Wash("get", "hosts");
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains($"could not connect to NATS at nats://127.0.0.1:{_natsPort}", result.Stderr);
        var json = await Wash("get", "hosts", "-o", "json");
        Assert.Equal(1, json.ExitCode);
        Assert.False(JsonDocument.Parse(json.Stderr).RootElement.GetProperty("success").GetBoolean());
    }

    [Theory]
    [InlineData("frobnicate", "--help")]
    [InlineData("link")]
    [InlineData("start", "component", "only-a-ref")]
    [InlineData("get", "hosts", "--bogus")]
    [InlineData("serve", "examples/http-hello-c/hello.wasm", "--reuse", "0")]
    public async Task Command_line_mistakes_are_one_line_and_exit_1(params string[] args)
    {
        var result = await Wash(args);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ", result.Stderr);
    }

    [Fact]
    public async Task Help_of_a_command_group_is_its_own_help()
    {
        var help = await Ok("app", "--help");
        Assert.Contains("validate", help);
        Assert.DoesNotContain("serve <component>", help);
    }

    private async Task<string> Ok(params string[] args)
    {
        var result = await Wash(args);
        Assert.True(result.ExitCode == 0, $"wash {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.Stdout}\n{result.Stderr}");
        return result.Stdout;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Wash(params string[] args) => WashProcess.RunAsync(_env, args);

    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The first success of <paramref name="attempt"/> within the time given; its last failure when none came.</summary>
    private static async Task<string> Eventually(Func<Task<string>> attempt, int seconds = 15)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); ; await Task.Delay(100))
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or Xunit.Sdk.XunitException && DateTime.UtcNow < deadline)
            {
            }
        }
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
