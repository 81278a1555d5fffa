using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasi.Preview2.Sockets;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Tests;

/// <summary>
/// Runs Fixtures/sockets_probe.c, a command component calling wasi:sockets directly, against real loopback
/// sockets: denied unless the policy allows, TCP echo both ways, UDP, name lookup and socket options.
/// </summary>
public sealed class SocketsTests
{
    private static readonly Lazy<(Engine Engine, Component Component)> Probe = new(() =>
    {
        var engine = new Engine();
        return (engine, Component.FromBytes(engine, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sockets_probe.component.wasm"))));
    });

    private static readonly SocketPolicy Loopback = SocketPolicy.Parse(["127.0.0.1"], allowNameLookup: false);

    private static (int ExitCode, string Stdout) Run(SocketPolicy policy, params string[] args)
    {
        var stdout = new MemoryStream();
        var exitCode = CommandComponent.Run(Probe.Value.Engine, Probe.Value.Component, new WasiConfiguration
        {
            Arguments = ["sockets_probe", .. args],
            StandardOutput = stdout,
            Sockets = policy,
        });
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()));
    }

    /// <summary>A loopback TCP server answering each connection's bytes with the same bytes.</summary>
    private static (TcpListener Listener, Task Serving) TcpEchoServer()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[1024];
            for (int count; (count = await stream.ReadAsync(buffer)) > 0;) await stream.WriteAsync(buffer.AsMemory(0, count));
        });
        return (listener, serving);
    }

    private static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    [Fact]
    public void TcpConnectIsDeniedByDefault()
    {
        var (listener, _) = TcpEchoServer();
        using var stop = new Disposer(listener.Stop);
        var (exitCode, stdout) = Run(SocketPolicy.DenyAll, "tcp-echo", PortOf(listener).ToString(), "hello");
        Assert.Equal(1, exitCode);
        Assert.Contains("connect: access-denied", stdout);
    }

    [Fact]
    public void TcpConnectOutsideTheAllowedPortsIsDenied()
    {
        var (listener, _) = TcpEchoServer();
        using var stop = new Disposer(listener.Stop);
        var port = PortOf(listener);
        var (exitCode, stdout) = Run(SocketPolicy.Parse([$"127.0.0.1:{(port == 65535 ? 1 : port + 1)}"], false), "tcp-echo", port.ToString(), "hello");
        Assert.Equal(1, exitCode);
        Assert.Contains("connect: access-denied", stdout);
    }

    [Fact]
    public async Task TcpEchoThroughLoopbackWhenAllowed()
    {
        var (listener, serving) = TcpEchoServer();
        using var stop = new Disposer(listener.Stop);
        var port = PortOf(listener);
        var (exitCode, stdout) = Run(Loopback, "tcp-echo", port.ToString(), "hello over wasi:sockets");
        Assert.True(exitCode == 0, stdout);
        Assert.Contains("connected", stdout);
        Assert.Contains($"remote: 127.0.0.1:{port}", stdout);
        Assert.Contains("echo: hello over wasi:sockets", stdout);
        // The guest's shutdown ends the server's read loop.
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ConnectingToAClosedPortIsRefused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = PortOf(listener);
        listener.Stop();
        var (exitCode, stdout) = Run(Loopback, "tcp-echo", port.ToString(), "x");
        Assert.Equal(1, exitCode);
        Assert.Contains("finish-connect: connection-refused", stdout);
    }

    [Fact]
    public async Task GuestServesATcpConnection()
    {
        var output = new Pipe();
        var guest = Task.Run(() => CommandComponent.Run(Probe.Value.Engine, Probe.Value.Component, new WasiConfiguration
        {
            Arguments = ["sockets_probe", "tcp-serve"],
            StandardOutput = output.Writer.AsStream(),
            Sockets = Loopback,
        }));
        using var lines = new StreamReader(output.Reader.AsStream());
        var first = await lines.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? "";
        Assert.StartsWith("listening on ", first);
        var port = int.Parse(first["listening on ".Length..]);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync("shout this"u8.ToArray());
        var reply = new byte[10];
        await stream.ReadExactlyAsync(reply).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("SHOUT THIS", Encoding.ASCII.GetString(reply));

        Assert.Equal(0, await guest.WaitAsync(TimeSpan.FromSeconds(30)));
        output.Writer.Complete();
        var rest = await lines.ReadToEndAsync();
        Assert.Contains("accepted", rest);
        Assert.Contains("served: shout this", rest);
    }

    [Fact]
    public void GuestCannotListenWithoutPermission()
    {
        var (exitCode, stdout) = Run(SocketPolicy.DenyAll, "tcp-serve");
        Assert.Equal(1, exitCode);
        Assert.Contains("bind: access-denied", stdout);
    }

    [Fact]
    public void UdpEchoWhenAllowedAndDeniedOtherwise()
    {
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        var echo = Task.Run(async () =>
        {
            var datagram = await server.ReceiveAsync();
            await server.SendAsync(datagram.Buffer, datagram.RemoteEndPoint);
        });
        var (exitCode, stdout) = Run(Loopback, "udp-echo", port.ToString(), "ping");
        Assert.True(exitCode == 0, stdout);
        Assert.Contains($"udp echo: ping from 127.0.0.1:{port}", stdout);
        Assert.True(echo.IsCompleted);

        (exitCode, stdout) = Run(SocketPolicy.DenyAll, "udp-echo", port.ToString(), "ping");
        Assert.Equal(1, exitCode);
        Assert.Contains("bind: access-denied", stdout);
    }

    [Fact]
    public void UdpSendToAnAddressOutsideThePolicyIsDenied()
    {
        // Binding to loopback is allowed, a stream to port 9 is not.
        var (exitCode, stdout) = Run(SocketPolicy.Parse(["127.0.0.1:0"], false), "udp-echo", "9", "ping");
        Assert.Equal(1, exitCode);
        Assert.Contains("stream: access-denied", stdout);
    }

    [Fact]
    public void NameLookupNeedsPermissionButAddressesResolveToThemselves()
    {
        var (exitCode, stdout) = Run(SocketPolicy.DenyAll, "lookup", "localhost");
        Assert.Equal(1, exitCode);
        Assert.Contains("lookup: permanent-resolver-failure", stdout);

        (exitCode, stdout) = Run(SocketPolicy.DenyAll, "lookup", "127.0.0.1");
        Assert.Equal(0, exitCode);
        Assert.Contains("address: 127.0.0.1", stdout);

        (exitCode, stdout) = Run(SocketPolicy.Parse([], allowNameLookup: true), "lookup", "localhost");
        Assert.True(exitCode == 0, stdout);
        Assert.Matches("address: (127.0.0.1|0:0:0:0:0:0:0:1)", stdout);

        (exitCode, stdout) = Run(SocketPolicy.Parse([], allowNameLookup: true), "lookup", "not a host name!");
        Assert.Equal(1, exitCode);
        Assert.Contains("lookup: invalid-argument", stdout);
    }

    [Fact]
    public void SocketOptionsOfAConnectedSocket()
    {
        var (listener, _) = TcpEchoServer();
        using var stop = new Disposer(listener.Stop);
        var (exitCode, stdout) = Run(Loopback, "tcp-options", PortOf(listener).ToString());
        Assert.True(exitCode == 0, stdout);
        Assert.Contains("keep-alive: yes", stdout);
        Assert.Contains("hop-limit: 42", stdout);
        Assert.Contains("address-family: ipv4", stdout);
        Assert.Contains("is-listening: no", stdout);
        Assert.Contains("rebind: invalid-state", stdout);
    }

    private sealed class Disposer(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
