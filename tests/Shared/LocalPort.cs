using System.Diagnostics;
using System.Net.Sockets;

namespace WasmCloud.Testing;

/// <summary>Waiting for a server the tests started to listen on its port on 127.0.0.1.</summary>
public static class LocalPort
{
    public static async Task WaitUntilListeningAsync(int port, Process process, string what, TimeSpan? timeout = null)
    {
        for (var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15)); ; await Task.Delay(50))
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"{what} is not listening on port {port}{(process.HasExited ? $" (it exited with {process.ExitCode})" : "")}", e);
            }
        }
    }

    /// <summary>Waits until nothing accepts connections on <paramref name="port"/> any more.</summary>
    public static async Task WaitUntilClosedAsync(int port, string what, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; ; await Task.Delay(50))
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
            }
            catch (SocketException)
            {
                return;
            }
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"{what} still accepts connections on port {port}");
        }
    }
}
