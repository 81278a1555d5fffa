using System.Net;

namespace WasmCloud.Host.Providers.HttpServer;

/// <summary>Reads the http-server's addresses: <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>0.0.0.0:8000</c>, <c>localhost:8080</c>.</summary>
internal static class ListenAddress
{
    public static IPEndPoint Parse(string text, string what)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed["http://".Length..].TrimEnd('/');
        if (IPEndPoint.TryParse(trimmed, out var endpoint) && trimmed.Contains(':')) return endpoint;
        var colon = trimmed.LastIndexOf(':');
        if (colon > 0 && int.TryParse(trimmed[(colon + 1)..], out var port) && port is >= 0 and <= 65535
            && string.Equals(trimmed[..colon], "localhost", StringComparison.OrdinalIgnoreCase))
            return new IPEndPoint(IPAddress.Loopback, port);
        throw new FormatException($"{what} `{text}` is not an address to listen on (want IP:PORT, e.g. 127.0.0.1:8080)");
    }
}
