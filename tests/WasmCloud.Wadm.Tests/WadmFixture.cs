using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;

namespace WasmCloud.Wadm.Tests;

/// <summary>A real nats-server with JetStream and a wadm running in the test process against it.</summary>
public sealed class WadmFixture : IAsyncLifetime
{
    public NatsServerProcess Nats { get; private set; } = null!;
    public NatsConnection Client { get; private set; } = null!;
    public WadmServer Wadm { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Nats = await NatsServerProcess.StartAsync(dir => $"jetstream {{ store_dir: \"{dir}/js\" }}");
        Client = new NatsConnection(new NatsOpts { Url = Nats.Url });
        await Client.ConnectAsync();
        Wadm = await WadmServer.StartAsync(new WadmOptions { Nats = new Lattice.NatsEndpoint { Port = Nats.Port } }, NullLogger.Instance);
    }

    /// <summary>Sends a request to wadm's API and returns the reply's text.</summary>
    public async Task<string> RequestAsync(string subject, string body = "", string? contentType = null)
    {
        var headers = contentType is null ? null : new NatsHeaders { ["Content-Type"] = contentType };
        var reply = await Client.RequestAsync<byte[], byte[]>(subject, Encoding.UTF8.GetBytes(body), headers, replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) });
        return Encoding.UTF8.GetString(reply.Data ?? []);
    }

    public async Task DisposeAsync()
    {
        await Wadm.DisposeAsync();
        await Client.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
