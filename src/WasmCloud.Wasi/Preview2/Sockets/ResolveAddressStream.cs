using System.Net;
using System.Net.Sockets;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>
/// The host object behind an ip-name-lookup resolve-address-stream: one lookup task, whose addresses are
/// handed out one per call once it completes.
/// </summary>
internal sealed class ResolveAddressStream
{
    private readonly Task<IPAddress[]> _lookup;
    private int _next;

    private ResolveAddressStream(Task<IPAddress[]> lookup) => _lookup = lookup;

    public Task Ready => _lookup;

    /// <summary>
    /// Starts resolving <paramref name="name"/>: an IP address resolves to itself; a domain name only when the
    /// policy allows lookups. A name that is neither is an invalid argument.
    /// </summary>
    public static ResolveAddressStream Start(WasiContext cx, string name)
    {
        var literal = name.StartsWith('[') && name.EndsWith(']') ? name[1..^1] : name;
        switch (Uri.CheckHostName(literal))
        {
            case UriHostNameType.IPv4 or UriHostNameType.IPv6:
                return new ResolveAddressStream(Task.FromResult(new[] { IPAddress.Parse(literal) }));
            case UriHostNameType.Dns when literal == name:
                if (!cx.Configuration.Sockets.AllowNameLookup) throw new NetworkException("permanent-resolver-failure");
                return new ResolveAddressStream(Dns.GetHostAddressesAsync(name));
            default:
                throw NetworkException.InvalidArgument;
        }
    }

    /// <summary>The next address, or null when there are no more.</summary>
    public IPAddress? Next()
    {
        if (!_lookup.IsCompleted) throw NetworkException.WouldBlock;
        if (_lookup.Exception is { } failure)
            throw new NetworkException(failure.InnerException is SocketException e ? NetworkException.CodeOf(e) : "permanent-resolver-failure");
        var addresses = _lookup.Result;
        return _next < addresses.Length ? addresses[_next++] : null;
    }
}
