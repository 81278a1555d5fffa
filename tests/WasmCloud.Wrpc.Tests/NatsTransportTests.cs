using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Testing;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Wrpc.Tests;

/// <summary>Our wRPC client and server over a real nats-server whose max_payload is small, so every large call is chunked.</summary>
public sealed class NatsTransportTests : IAsyncLifetime
{
    private NatsServerProcess _server = null!;
    private NatsConnection _nats = null!;
    private WrpcClient _client = null!;

    /// <summary>One client for the class's calls, as a host keeps one: every call shares its inbox subscription.</summary>
    private WrpcClient Client() => _client;

    public async Task InitializeAsync()
    {
        _server = await NatsServerProcess.StartAsync(_ => "max_payload: 4096");
        _nats = new NatsConnection(new NatsOpts { Url = _server.Url });
        await _nats.ConnectAsync();
        _client = new WrpcClient(_nats) { ResultTimeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _nats.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(4096 * 5 + 17)]
    public async Task Parameters_and_results_of_any_size_arrive_whole(int size)
    {
        var subject = WrpcSubjects.Invocation("default.echo", "test:echo/bytes@0.1.0", "reverse");
        await using var server = await WrpcServer.StartAsync(_nats, subject, "default.echo",
            (call, _) => Task.FromResult(call.Parameters.ToArray().Reverse().ToArray()), NullLogger.Instance);
        var payload = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        var headers = new NatsHeaders { ["source-id"] = "caller", ["link-name"] = "default" };
        var result = await Client().InvokeAsync(subject, payload, headers);
        Assert.Equal(payload.Reverse().ToArray(), result);
    }

    [Fact]
    public async Task The_server_sees_the_callers_headers()
    {
        var subject = WrpcSubjects.Invocation("default.hdr", null, "who");
        await using var server = await WrpcServer.StartAsync(_nats, subject, "default.hdr",
            (call, _) => Task.FromResult(System.Text.Encoding.UTF8.GetBytes($"{call.Headers?["source-id"]}/{call.Headers?["link-name"]}")), NullLogger.Instance);
        Assert.Equal("default.hdr.wrpc.0.0.1.who", subject);
        var result = await Client().InvokeAsync(subject, Array.Empty<byte>(), new NatsHeaders { ["source-id"] = "me", ["link-name"] = "other" });
        Assert.Equal("me/other", System.Text.Encoding.UTF8.GetString(result));
    }

    [Fact]
    public async Task Nobody_serving_and_a_failing_server_are_clear_errors()
    {
        var missing = await Assert.ThrowsAsync<WrpcNotFoundException>(() => Client().InvokeAsync("default.nobody.wrpc.0.0.1.x:y/z.f", Array.Empty<byte>()));
        Assert.Contains("nothing serves default.nobody.wrpc.0.0.1.x:y/z.f", missing.Message);

        var subject = WrpcSubjects.Invocation("default.broken", "x:y/z", "[method]thing.f");
        Assert.EndsWith(".x:y/z.thing.f", subject);
        await using var server = await WrpcServer.StartAsync(_nats, subject, "default.broken",
            (_, _) => throw new InvalidOperationException("the guest trapped: unreachable"), NullLogger.Instance);
        var failed = await Assert.ThrowsAsync<WrpcRemoteException>(() => Client().InvokeAsync(subject, new byte[] { 1 }));
        Assert.Equal("the guest trapped: unreachable", failed.Message);
    }

    [Fact]
    public async Task Servers_in_one_queue_group_share_the_calls()
    {
        var subject = WrpcSubjects.Invocation("default.shared", null, "which");
        await using var first = await WrpcServer.StartAsync(_nats, subject, "default.shared", (_, _) => Task.FromResult(new byte[] { 1 }), NullLogger.Instance);
        await using var second = await WrpcServer.StartAsync(_nats, subject, "default.shared", (_, _) => Task.FromResult(new byte[] { 2 }), NullLogger.Instance);
        var client = Client();
        var answers = new List<byte>();
        for (int i = 0; i < 40; i++) answers.Add((await client.InvokeAsync(subject, Array.Empty<byte>()))[0]);
        Assert.Equal(40, answers.Count);
        Assert.Contains((byte)1, answers);
        Assert.Contains((byte)2, answers);
    }
}
