using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WasmCloud.Lattice;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>A traced ctl request's reply, and the events it causes, carry the caller's trace on.</summary>
public sealed class TraceContextTests
{
    [Fact]
    public async Task A_ctl_reply_and_its_event_continue_the_callers_trace()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "WasmCloud.Host",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var lattice = await InProcessLattice.StartAsync();
        await using var host = await LatticeHost.StartAsync(lattice.Options, NullLoggerFactory.Instance);
        await using var nats = new NatsConnection(new NatsOpts { Url = lattice.Nats.Url });
        var events = await nats.SubscribeCoreAsync<byte[]>("wasmbus.evt.default.config_set");
        await nats.PingAsync();

        const string trace = "0af7651916cd43dd8448eb211c80319c";
        var headers = new NatsHeaders { ["traceparent"] = $"00-{trace}-b7ad6b7169203331-01" };
        var reply = await nats.RequestAsync<byte[], byte[]>("wasmbus.ctl.v1.default.config.put.traced", """{"k":"v"}"""u8.ToArray(), headers,
            replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(5) });
        Assert.Contains(trace, reply.Headers?["traceparent"].ToString());
        var published = await events.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains(trace, published.Headers?["traceparent"].ToString());
        await events.DisposeAsync();
    }
}
