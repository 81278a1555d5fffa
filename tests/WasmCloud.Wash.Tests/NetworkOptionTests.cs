using WasmCloud.Testing;
using System.Net;
using System.Net.Sockets;

namespace WasmCloud.Wash.Tests;

/// <summary><c>--allow-socket</c> and <c>--allow-ip-name-lookup</c> grant the component of <c>wash run</c> network access it otherwise lacks.</summary>
public sealed class NetworkOptionTests
{
    private static readonly string Probe = Repository.PathOf("tests/WasmCloud.Wasi.Tests/Fixtures/sockets_probe.component.wasm");

    [Fact]
    public async Task TcpIsDeniedUnlessAllowed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString();
            var echo = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[64];
                for (int count; (count = await stream.ReadAsync(buffer)) > 0;) await stream.WriteAsync(buffer.AsMemory(0, count));
            });
            Assert.Equal(1, WashRunner.Run("run", Probe, "tcp-echo", port, "hi").ExitCode);
            Assert.Equal(0, WashRunner.Run("run", Probe, "--allow-socket", $"tcp:127.0.0.1:{port}", "tcp-echo", port, "hi").ExitCode);
            await echo.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void NameLookupNeedsItsOption()
    {
        Assert.Equal(1, WashRunner.Run("run", Probe, "lookup", "localhost").ExitCode);
        Assert.Equal(0, WashRunner.Run("run", Probe, "--allow-ip-name-lookup", "lookup", "localhost").ExitCode);
    }

    [Fact]
    public void AMalformedRuleIsOneErrorLine()
    {
        var (exitCode, _, stderr) = WashRunner.Run("run", Probe, "--allow-socket", "localhost:80", "lookup", "localhost");
        Assert.Equal(1, exitCode);
        Assert.Equal("error: socket rule 'localhost:80': 'localhost' is not an IP address, a network or '*'", stderr.Trim());
    }
}
