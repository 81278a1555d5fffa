using NATS.Client.Core;
using WasmCloud.Lattice;

namespace WasmCloud.Host.Capabilities;

/// <summary>
/// A connection of a provider's own to the NATS server a link names (<c>cluster_uri</c> / <c>cluster_uris</c>: one or
/// more comma-separated <c>host:port</c> or <c>nats://</c> addresses), which reconnects for as long as it takes. A
/// server that does not answer within 5 s is a <see cref="TimeoutException"/> naming it; a bad address a <see cref="FormatException"/>.
/// </summary>
internal static class LinkNats
{
    public static async Task<NatsConnection> ConnectAsync(string uris, string clientName)
    {
        var endpoints = uris.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(NatsEndpoint.Parse).ToList();
        if (endpoints.Count == 0) throw new FormatException($"`{uris}` names no NATS server");
        var connection = new NatsConnection(endpoints[0].Options(clientName) with { Url = string.Join(',', endpoints.Select(e => e.Url)) });
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            return connection;
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new TimeoutException($"cannot reach NATS at {uris}: {e.Message}", e);
        }
    }
}
