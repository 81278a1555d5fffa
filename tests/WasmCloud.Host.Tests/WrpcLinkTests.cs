using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Components.Types;
using WasmCloud.Components.Wave;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Testing;
using WasmCloud.Wasm;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Tests;

/// <summary>
/// examples/wrpc-greeter: the caller imports example:wrpc/greeter, a link names the greeter, and the same calls
/// get the same answers whether both run on one host (in process) or on two (over NATS).
/// </summary>
public sealed class WrpcLinkTests : IAsyncLifetime
{
    private static readonly string Greeter = "file://" + Repository.PathOf("examples/wrpc-greeter/greeter.wasm");
    private static readonly string Caller = "file://" + Repository.PathOf("examples/wrpc-greeter/caller.wasm");
    private InProcessLattice _lattice = null!;
    private NatsConnection _client = null!;
    private WrpcClient _wrpc = null!;

    public async Task InitializeAsync()
    {
        _lattice = await InProcessLattice.StartAsync();
        _client = new NatsConnection(new NatsOpts { Url = _lattice.Nats.Url });
        _wrpc = new WrpcClient(_client);
    }

    public async Task DisposeAsync()
    {
        await _wrpc.DisposeAsync();
        await _client.DisposeAsync();
        await _lattice.DisposeAsync();
    }

    [Theory]
    [InlineData("one host")]
    [InlineData("two hosts")]
    public async Task A_linked_call_answers_the_same_on_one_host_and_across_two(string placement)
    {
        var options = _lattice.Options;
        await using var first = await LatticeHost.StartAsync(options, NullLoggerFactory.Instance);
        await using var second = await LatticeHost.StartAsync(options, NullLoggerFactory.Instance);
        var greeterHost = placement == "one host" ? first : second;
        var ctl = new CtlClient(_client, new Subjects("default"));
        await StartAsync(ctl, first, "caller", Caller);
        await StartAsync(ctl, greeterHost, "greeter", Greeter);
        Assert.True((await ctl.PutLinkAsync(new Link { SourceId = "caller", Target = "greeter", WitNamespace = "example", WitPackage = "wrpc", Interfaces = ["greeter"] })).Success);
        await WaitForLinkAsync(first);

        Assert.Equal("\"Hello, lattice!\"", await CallAsync("caller", "greet", "\"lattice\""));
        Assert.Equal("ok({line: \"ada (countess) [ra] dog rex #math,#engines\", tag-count: 2})",
            await CallAsync("caller", "inspect", "{name: \"ada\", tags: [\"math\", \"engines\"], nickname: some(\"countess\"), permissions: {read, admin}, pet: dog(\"rex\")}"));
        Assert.Equal("ok({line: \"grace (-) [w] fish x3 #cobol\", tag-count: 1})",
            await CallAsync("caller", "inspect", "{name: \"grace\", tags: [\"cobol\"], nickname: none, permissions: {write}, pet: fish(3)}"));
        Assert.Equal("err(nameless)", await CallAsync("caller", "inspect", "{name: \"\", tags: [], nickname: none, permissions: {}, pet: %none}"));
        Assert.Equal("err(too-many-tags)", await CallAsync("caller", "inspect", "{name: \"x\", tags: [\"a\", \"b\", \"c\", \"d\"], nickname: none, permissions: {}, pet: %none}"));
        Assert.Equal("\"" + $"Hello, {new string('w', 400)}!" + "\"", await CallAsync("caller", "greet", $"\"{new string('w', 400)}\""));

        if (placement == "one host")
        {
            Assert.Equal(6, first.Links.InProcessCalls);
            Assert.Equal(0, first.Links.RemoteCalls);
        }
        else
        {
            Assert.Equal(0, first.Links.InProcessCalls);
            Assert.Equal(6, first.Links.RemoteCalls);
        }

        // Without the link the call fails at once, naming what is missing.
        Assert.True((await ctl.DeleteLinkAsync(new DeleteLinkRequest { SourceId = "caller", WitNamespace = "example", WitPackage = "wrpc" })).Success);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); first.State.LinksFrom("caller").Count > 0 && DateTime.UtcNow < deadline;) await Task.Delay(20);
        var failed = await Assert.ThrowsAsync<WrpcRemoteException>(() => CallAsync("caller", "greet", "\"nobody\""));
        Assert.Contains("link `default` not found for instance `example:wrpc/greeter@0.1.0`", failed.Message);
    }

    [Fact]
    public async Task Set_link_name_sends_the_invocations_later_calls_over_the_named_links()
    {
        var options = _lattice.Options;
        await using var near = await LatticeHost.StartAsync(options, NullLoggerFactory.Instance);
        await using var far = await LatticeHost.StartAsync(options, NullLoggerFactory.Instance);
        var ctl = new CtlClient(_client, new Subjects("default"));
        await StartAsync(ctl, near, "caller", Caller);
        await StartAsync(ctl, near, "greeter_near", Greeter);
        await StartAsync(ctl, far, "greeter_far", Greeter);
        Assert.True((await ctl.PutLinkAsync(new Link { SourceId = "caller", Target = "greeter_near", WitNamespace = "example", WitPackage = "wrpc", Interfaces = ["greeter"] })).Success);
        Assert.True((await ctl.PutLinkAsync(new Link { SourceId = "caller", Target = "greeter_far", Name = "far", WitNamespace = "example", WitPackage = "wrpc", Interfaces = ["greeter"] })).Success);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); near.State.LinksFrom("caller").Count < 2 && DateTime.UtcNow < deadline;) await Task.Delay(20);

        Assert.Equal("\"Hello, near!\"", await CallAsync("caller", "greet", "\"near\""));
        Assert.Equal((1, 0), (near.Links.InProcessCalls, near.Links.RemoteCalls));
        Assert.Equal("\"Hello, far!\"", await CallAsync("caller", "greet-on", "\"far\", \"far\""));
        Assert.Equal((1, 1), (near.Links.InProcessCalls, near.Links.RemoteCalls));
        // The choice lasts one invocation: the next plain call is back on the default link.
        Assert.Equal("\"Hello, again!\"", await CallAsync("caller", "greet", "\"again\""));
        Assert.Equal("\"Hello, default!\"", await CallAsync("caller", "greet-on", "\"default\", \"default\""));
        Assert.Equal((3, 1), (near.Links.InProcessCalls, near.Links.RemoteCalls));
        var failed = await Assert.ThrowsAsync<WrpcRemoteException>(() => CallAsync("caller", "greet-on", "\"nowhere\", \"x\""));
        Assert.Contains("link `nowhere` not found for instance `example:wrpc/greeter@0.1.0`", failed.Message);
    }

    [Fact]
    public async Task A_component_reads_its_named_config_and_logs_through_the_host()
    {
        var logs = new CollectingLogs();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var host = await LatticeHost.StartAsync(_lattice.Options, loggers);
        var ctl = new CtlClient(_client, new Subjects("default"));
        Assert.True((await ctl.PutConfigAsync("greeting-words", new Dictionary<string, string> { ["greeting"] = "Hi" })).Success);
        Assert.True((await ctl.PutConfigAsync("greeting-override", new Dictionary<string, string> { ["greeting"] = "Howdy" })).Success);
        await StartAsync(ctl, host, "configured", Greeter, ["greeting-words", "greeting-override"]);
        await StartAsync(ctl, host, "plain", Greeter);

        // Later names win, as upstream merges them; a component without config gets the default.
        Assert.Equal("\"Howdy, config!\"", await CallAsync("configured", "greet", "\"config\"", "examples/wrpc-greeter/greeter.wasm", "example:wrpc/greeter@0.1.0"));
        Assert.Equal("\"Hello, plain!\"", await CallAsync("plain", "greet", "\"plain\"", "examples/wrpc-greeter/greeter.wasm", "example:wrpc/greeter@0.1.0"));
        // A config change reaches the next invocation.
        Assert.True((await ctl.PutConfigAsync("greeting-override", new Dictionary<string, string> { ["greeting"] = "Ahoy" })).Success);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); host.State.Config("greeting-override")?["greeting"] != "Ahoy" && DateTime.UtcNow < deadline;) await Task.Delay(20);
        Assert.Equal("\"Ahoy, again!\"", await CallAsync("configured", "greet", "\"again\"", "examples/wrpc-greeter/greeter.wasm", "example:wrpc/greeter@0.1.0"));
        Assert.Contains(logs.Lines, line => line.Contains("component configured [greeter]: Howdy, config!"));
    }

    private sealed class CollectingLogs : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return _lines.ToList(); }
        }

        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add(formatter(state, exception));
        }

        public void Dispose()
        {
        }
    }

    private async Task StartAsync(CtlClient ctl, LatticeHost host, string id, string reference, List<string>? config = null)
    {
        await using var events = await ctl.WatchEventsAsync();
        Assert.True((await ctl.ScaleComponentAsync(new ScaleComponentCommand { ComponentRef = reference, ComponentId = id, HostId = host.Id, Count = 4, Config = config ?? [] })).Success);
        var outcome = await events.WaitForAsync(e => e.Source == host.Id && e.Data.GetProperty("component_id").GetString() == id && e.Name.StartsWith("component_scale"), TimeSpan.FromSeconds(60));
        Assert.Equal("component_scaled", outcome?.Name);
    }

    private static async Task WaitForLinkAsync(LatticeHost host)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); host.State.LinksFrom("caller").Count == 0 && DateTime.UtcNow < deadline;) await Task.Delay(20);
    }

    /// <summary>Calls an exported function (of the caller's relay, unless told otherwise) over wRPC, arguments and result in WAVE.</summary>
    private async Task<string> CallAsync(string component, string function, string arguments,
        string file = "examples/wrpc-greeter/caller.wasm", string instance = "example:wrpc/relay@0.1.0")
    {
        var type = ExportedFunction(file, instance, function);
        var parameters = new ArrayBufferWriter<byte>();
        ValueEncoder.WriteTuple(parameters, type.Parameters.Select(p => p.Type).ToArray(), WaveParser.ParseArguments(arguments, type.Parameters).ToArray());
        var subject = WrpcSubjects.Invocation($"default.{component}", instance, function);
        var results = await _wrpc.InvokeAsync(subject, parameters.WrittenMemory);
        return WaveWriter.Write(ValueDecoder.ReadTuple(results, [type.Result!])[0], type.Result!);
    }

    private static FuncType ExportedFunction(string file, string instance, string name)
    {
        var component = Component.FromBytes(new Engine(), File.ReadAllBytes(Repository.PathOf(file)));
        var exported = (InstanceExtern)component.Type.Exports[instance];
        return ((FuncExtern)exported.Type.Exports[name]).Type;
    }
}
