using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Tests;

/// <summary>
/// wRPC spoken from outside .NET: interop/wrpc.mjs does the handshake and the encoding by hand with the official
/// JavaScript NATS client. It calls a component our host serves, and serves functions our client calls.
/// </summary>
public sealed class WrpcInteropTests : IAsyncLifetime
{
    private static readonly string Script = Repository.PathOf("tests/WasmCloud.Host.Tests/interop/wrpc.mjs");
    private InProcessLattice _lattice = null!;

    public async Task InitializeAsync()
    {
        Assert.True(Directory.Exists(Repository.PathOf("tests/WasmCloud.Host.Tests/interop/node_modules/@nats-io/transport-node")),
            "the JavaScript NATS client is missing: scripts/test.sh installs it (npm install in tests/WasmCloud.Host.Tests/interop)");
        _lattice = await InProcessLattice.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _lattice.DisposeAsync();
    }

    [Fact]
    public async Task A_javascript_client_written_from_the_spec_calls_a_component_on_our_host()
    {
        await using var host = await LatticeHost.StartAsync(_lattice.Options, NullLoggerFactory.Instance);
        await using var nats = new NatsConnection(new NatsOpts { Url = _lattice.Nats.Url });
        var ctl = new CtlClient(nats, new Subjects("default"));
        await using (var events = await ctl.WatchEventsAsync())
        {
            await ctl.ScaleComponentAsync(new ScaleComponentCommand
            {
                ComponentRef = "file://" + Repository.PathOf("examples/wrpc-greeter/greeter.wasm"), ComponentId = "greeter", HostId = host.Id, Count = 1,
            });
            Assert.NotNull(await events.WaitForAsync(e => e.Name == "component_scaled", TimeSpan.FromSeconds(60)));
        }
        var (exitCode, output) = await NodeAsync("call", "default.greeter", "example:wrpc/greeter@0.1.0", "greet", "from JavaScript ✓");
        Assert.True(exitCode == 0, output);
        Assert.Equal("Hello, from JavaScript ✓!", output.Trim());
    }

    [Fact]
    public async Task Our_client_calls_a_javascript_server_written_from_the_spec()
    {
        using var server = StartNode("serve", "default.jsserver");
        var ready = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("ready", ready);
        try
        {
            await using var nats = new NatsConnection(new NatsOpts { Url = _lattice.Nats.Url });
            await using var client = new WrpcClient(nats);
            var u32 = ValType.Of(PrimitiveType.U32);
            var sum = await client.InvokeAsync(WrpcSubjects.Invocation("default.jsserver", "example:js/math@0.1.0", "add"), Encode([u32, u32], [ComponentValue.U32(40), ComponentValue.U32(300)]));
            Assert.Equal("(u32 340)", ValueDecoder.ReadTuple(sum, [u32])[0].ToString());
            var text = ValType.Of(PrimitiveType.String);
            var loud = await client.InvokeAsync(WrpcSubjects.Invocation("default.jsserver", "example:js/text@0.1.0", "shout"), Encode([text], [ComponentValue.String("wrpc")]));
            Assert.Equal("(string \"WRPC!\")", ValueDecoder.ReadTuple(loud, [text])[0].ToString());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_javascript_http_server_written_from_the_spec_reaches_a_component_on_our_host()
    {
        await using var host = await LatticeHost.StartAsync(_lattice.Options, NullLoggerFactory.Instance);
        await using var nats = new NatsConnection(new NatsOpts { Url = _lattice.Nats.Url });
        var ctl = new CtlClient(nats, new Subjects("default"));
        await using (var events = await ctl.WatchEventsAsync())
        {
            await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = LatticeFixture.HelloComponent, ComponentId = "hello", HostId = host.Id, Count = 1 });
            Assert.NotNull(await events.WaitForAsync(e => e.Name == "component_scaled", TimeSpan.FromSeconds(60)));
        }
        var (exitCode, output) = await NodeAsync("http", "default.hello", "POST", "/echo", "streamed over wRPC, in two chunks");
        Assert.True(exitCode == 0, output);
        using var answer = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(200, answer.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("streamed over wRPC, in two chunks", answer.RootElement.GetProperty("body").GetString());
        // The trailers future: none (0x00).
        Assert.Equal("[0]", answer.RootElement.GetProperty("trailers").GetRawText());
    }

    [Fact]
    public async Task Our_http_server_forwards_to_a_javascript_handler_written_from_the_spec()
    {
        using var server = StartNode("http-serve", "default.jshttp");
        Assert.Equal("ready", await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        try
        {
            await using var host = await LatticeHost.StartAsync(_lattice.Options, NullLoggerFactory.Instance);
            await using var nats = new NatsConnection(new NatsOpts { Url = _lattice.Nats.Url });
            var ctl = new CtlClient(nats, new Subjects("default")) { Timeout = TimeSpan.FromSeconds(10) };
            var port = NatsServerProcess.FreePort();
            await ctl.PutConfigAsync("js-address", new Dictionary<string, string> { ["address"] = $"127.0.0.1:{port}" });
            Assert.True((await ctl.StartProviderAsync(new StartProviderCommand { ProviderId = "http", ProviderRef = "wasmcloud+builtin://http-server", HostId = host.Id })).Success);
            Assert.True((await ctl.PutLinkAsync(new Link
            {
                SourceId = "http", Target = "jshttp", WitNamespace = "wasi", WitPackage = "http", Interfaces = ["incoming-handler"], SourceConfig = ["js-address"],
            })).Success);

            using var http = new HttpClient();
            await Serving.GetAsync(http, $"http://127.0.0.1:{port}/ready");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/some/path?q=1") { Content = new StringContent("ping") };
            request.Headers.Add("x-from", "dotnet");
            using var response = await http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("javascript", Assert.Single(response.Headers.GetValues("x-served-by")));
            Assert.Equal($"JS saw POST /some/path?q=1 at 127.0.0.1:{port} from dotnet: ping\n", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static byte[] Encode(ValType[] types, ComponentValue[] values)
    {
        var output = new ArrayBufferWriter<byte>();
        ValueEncoder.WriteTuple(output, types, values);
        return output.WrittenSpan.ToArray();
    }

    private Process StartNode(params string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Script, _lattice.Nats.Url }.Concat(args)) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start node");
    }

    private async Task<(int ExitCode, string Output)> NodeAsync(params string[] args)
    {
        using var process = StartNode(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stdout + await stderr);
    }
}
