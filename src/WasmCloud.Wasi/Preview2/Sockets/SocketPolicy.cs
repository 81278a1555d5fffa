using System.Globalization;
using System.Net;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>What a socket operation does with an address, which a <see cref="SocketRule"/> may restrict itself to.</summary>
public enum SocketUse
{
    TcpBind,
    TcpConnect,
    UdpBind,
    UdpConnect,
    UdpOutgoingDatagram,
}

/// <summary>
/// One address range a guest may use: a network (an address with an optional prefix length, or every address),
/// an inclusive port range, and optionally one protocol.
/// </summary>
public sealed record SocketRule(IPNetwork? Network, int FirstPort, int LastPort, bool? Tcp)
{
    public bool Allows(IPEndPoint endpoint, SocketUse use)
    {
        var isTcp = use is SocketUse.TcpBind or SocketUse.TcpConnect;
        if (Tcp is { } tcp && tcp != isTcp) return false;
        if (endpoint.Port < FirstPort || endpoint.Port > LastPort) return false;
        return Network is not { } network || network.Contains(Unmapped(endpoint.Address));
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// Reads <c>[tcp:|udp:]ADDRESS[/PREFIX][:PORT[-PORT]]</c>, where ADDRESS is an IPv4 address, an IPv6 address in
    /// brackets, or <c>*</c> for any; without a port every port is allowed.
    /// </summary>
    public static SocketRule Parse(string text)
    {
        var rest = text.Trim();
        bool? tcp = null;
        if (rest.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase)) (tcp, rest) = (true, rest[4..]);
        else if (rest.StartsWith("udp:", StringComparison.OrdinalIgnoreCase)) (tcp, rest) = (false, rest[4..]);

        string address;
        string? ports = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0) throw Invalid(text, "an IPv6 address opened with '[' is not closed");
            address = rest[1..close];
            var after = rest[(close + 1)..];
            if (after.StartsWith("/"))
            {
                var colon = after.IndexOf(':');
                address += colon < 0 ? after : after[..colon];
                after = colon < 0 ? "" : after[colon..];
            }
            if (after.Length > 0)
            {
                if (!after.StartsWith(':')) throw Invalid(text, $"unexpected '{after}' after the address");
                ports = after[1..];
            }
        }
        else
        {
            var colon = rest.IndexOf(':');
            if (colon >= 0 && rest.IndexOf(':', colon + 1) >= 0) throw Invalid(text, "write an IPv6 address in brackets: [::1]:8080");
            (address, ports) = colon < 0 ? (rest, null) : (rest[..colon], rest[(colon + 1)..]);
        }

        IPNetwork? network = null;
        if (address != "*")
        {
            if (address.Contains('/'))
            {
                if (!IPNetwork.TryParse(address, out var parsed)) throw Invalid(text, $"'{address}' is not a network (ADDRESS/PREFIX with the host bits zero)");
                network = parsed;
            }
            else if (IPAddress.TryParse(address, out var single))
            {
                network = new IPNetwork(single, single.GetAddressBytes().Length * 8);
            }
            else
            {
                throw Invalid(text, $"'{address}' is not an IP address, a network or '*'");
            }
        }

        var (first, last) = (0, 65535);
        if (ports is not null)
        {
            var dash = ports.IndexOf('-');
            first = Port(text, dash < 0 ? ports : ports[..dash]);
            last = dash < 0 ? first : Port(text, ports[(dash + 1)..]);
            if (last < first) throw Invalid(text, $"the port range {ports} is empty");
        }
        return new SocketRule(network, first, last, tcp);
    }

    private static int Port(string rule, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw Invalid(rule, $"'{text}' is not a port (0-65535)");

    private static FormatException Invalid(string rule, string why) => new($"socket rule '{rule}': {why}");
}

/// <summary>
/// Which addresses a guest's wasi:sockets may bind, connect and send to, and whether it may look names up.
/// Everything is denied unless a rule allows it, so a component gets no network unless the embedder grants one.
/// </summary>
public sealed class SocketPolicy
{
    public static SocketPolicy DenyAll { get; } = new([], allowNameLookup: false);

    public static SocketPolicy AllowAll { get; } = new([new SocketRule(null, 0, 65535, null)], allowNameLookup: true);

    public SocketPolicy(IReadOnlyList<SocketRule> rules, bool allowNameLookup)
    {
        Rules = rules;
        AllowNameLookup = allowNameLookup;
    }

    public IReadOnlyList<SocketRule> Rules { get; }

    /// <summary>Whether ip-name-lookup may resolve names (IP literals resolve to themselves either way).</summary>
    public bool AllowNameLookup { get; }

    public bool Allows(IPEndPoint endpoint, SocketUse use) => Rules.Any(rule => rule.Allows(endpoint, use));

    /// <summary>A policy from rules written as <see cref="SocketRule.Parse"/> reads them.</summary>
    public static SocketPolicy Parse(IEnumerable<string> rules, bool allowNameLookup) => new(rules.Select(SocketRule.Parse).ToArray(), allowNameLookup);
}
