namespace WasmCloud.Nats.Tests;

/// <summary>One plain JetStream-enabled server shared by the tests of a class.</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    public NatsServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await NatsServerProcess.StartAsync(dir => $"jetstream {{ store_dir: \"{dir}/js\" }}");

    public Task<NatsConnection> ConnectAsync(NatsOptions? options = null) =>
        NatsConnection.ConnectAsync((options ?? new NatsOptions()) with { Servers = [Server.Url] });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
