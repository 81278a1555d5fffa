using WasmCloud.Lattice;
using WasmCloud.Testing;

namespace WasmCloud.Host.Tests;

/// <summary>
/// A real nats-server with JetStream and a compile cache, for tests that run their hosts in the test process (to read
/// what the host counts); both are removed on dispose.
/// </summary>
public sealed class InProcessLattice : IAsyncDisposable
{
    private InProcessLattice(NatsServerProcess nats, string cache)
    {
        Nats = nats;
        Cache = cache;
    }

    public NatsServerProcess Nats { get; }
    public string Cache { get; }

    /// <summary>What a host of this lattice is started with: this server for both connections, file loads allowed, the shared cache.</summary>
    public HostOptions Options
    {
        get
        {
            var endpoint = new NatsEndpoint { Port = Nats.Port };
            return new HostOptions { Ctl = endpoint, Rpc = endpoint, AllowFileLoad = true, CompileCacheDirectory = Cache };
        }
    }

    public static async Task<InProcessLattice> StartAsync() =>
        new(await NatsServerProcess.StartAsync(dir => $"jetstream {{ store_dir: \"{dir}/js\" }}"), Directory.CreateTempSubdirectory("wasmcloud-host-cache-").FullName);

    public async ValueTask DisposeAsync()
    {
        await Nats.DisposeAsync();
        Directory.Delete(Cache, recursive: true);
    }
}
