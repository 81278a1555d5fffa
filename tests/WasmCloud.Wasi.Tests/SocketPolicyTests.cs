using System.Net;
using WasmCloud.Wasi.Preview2.Sockets;

namespace WasmCloud.Wasi.Tests;

public sealed class SocketPolicyTests
{
    private static bool Allows(string rule, string endpoint, SocketUse use = SocketUse.TcpConnect) =>
        SocketPolicy.Parse([rule], allowNameLookup: false).Allows(IPEndPoint.Parse(endpoint), use);

    [Fact]
    public void NothingIsAllowedByDefault()
    {
        Assert.False(SocketPolicy.DenyAll.Allows(IPEndPoint.Parse("127.0.0.1:80"), SocketUse.TcpConnect));
        Assert.False(SocketPolicy.DenyAll.AllowNameLookup);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:80", true)]
    [InlineData("127.0.0.1", "127.0.0.2:80", false)]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080", true)]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8081", false)]
    [InlineData("127.0.0.1:8000-8100", "127.0.0.1:8100", true)]
    [InlineData("127.0.0.1:8000-8100", "127.0.0.1:8101", false)]
    [InlineData("10.0.0.0/8", "10.200.3.4:22", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1:22", false)]
    [InlineData("*", "[2001:db8::1]:443", true)]
    [InlineData("*:443", "93.184.216.34:443", true)]
    [InlineData("*:443", "93.184.216.34:80", false)]
    [InlineData("[::1]:9000", "[::1]:9000", true)]
    [InlineData("[::1]:9000", "[::2]:9000", false)]
    [InlineData("[2001:db8::]/32:53", "[2001:db8:1::5]:53", true)]
    public void RulesMatchAddressesAndPorts(string rule, string endpoint, bool allowed) => Assert.Equal(allowed, Allows(rule, endpoint));

    [Fact]
    public void AProtocolPrefixLimitsTheRule()
    {
        Assert.True(Allows("tcp:127.0.0.1", "127.0.0.1:1", SocketUse.TcpBind));
        Assert.False(Allows("tcp:127.0.0.1", "127.0.0.1:1", SocketUse.UdpOutgoingDatagram));
        Assert.True(Allows("udp:127.0.0.1", "127.0.0.1:1", SocketUse.UdpConnect));
        Assert.False(Allows("udp:127.0.0.1", "127.0.0.1:1", SocketUse.TcpConnect));
    }

    [Theory]
    [InlineData("localhost", "'localhost' is not an IP address")]
    [InlineData("127.0.0.1:99999", "'99999' is not a port")]
    [InlineData("127.0.0.1:90-80", "the port range 90-80 is empty")]
    [InlineData("::1", "write an IPv6 address in brackets")]
    [InlineData("[::1", "is not closed")]
    [InlineData("10.0.0.0/33", "is not a network")]
    public void MalformedRulesAreNamed(string rule, string message)
    {
        var error = Assert.Throws<FormatException>(() => SocketRule.Parse(rule));
        Assert.Contains($"socket rule '{rule}'", error.Message);
        Assert.Contains(message, error.Message);
    }
}
