using System.Net;
using System.Net.Sockets;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>
/// What TCP and UDP sockets share: the address family fixed at creation, binding checked against the guest's
/// <see cref="SocketPolicy"/>, the address checks the WIT asks for, and the options both have.
/// </summary>
internal abstract class IpSocket : IDisposable
{
    private bool _bindStarted;

    protected IpSocket(Socket socket)
    {
        Socket = socket;
        // WASI's IPv6 sockets carry IPv6 only: IPv4-mapped addresses are refused rather than quietly reaching IPv4.
        if (socket.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = false;
    }

    public Socket Socket { get; }

    public AddressFamily Family => Socket.AddressFamily;

    protected static Socket Create(AddressFamily family, SocketType type, ProtocolType protocol)
    {
        try
        {
            return new Socket(family, type, protocol);
        }
        catch (SocketException e)
        {
            throw new NetworkException(NetworkException.CodeOf(e));
        }
    }

    /// <summary>The address is of this socket's family (and, for IPv6, not an IPv4-mapped one).</summary>
    public void CheckFamily(IPEndPoint endpoint)
    {
        if (endpoint.AddressFamily != Family || endpoint.Address.IsIPv4MappedToIPv6) throw NetworkException.InvalidArgument;
    }

    /// <summary>A remote address must name one host and a port: not the unspecified address, a broadcast or multicast one, nor port 0.</summary>
    public void CheckRemote(IPEndPoint endpoint)
    {
        CheckFamily(endpoint);
        var address = endpoint.Address;
        if (endpoint.Port == 0 || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast) ||
            address.IsIPv6Multicast || (Family == AddressFamily.InterNetwork && address.GetAddressBytes()[0] is >= 224 and <= 239))
            throw NetworkException.InvalidArgument;
    }

    public static void Permit(WasiContext cx, IPEndPoint endpoint, SocketUse use)
    {
        if (!cx.Configuration.Sockets.Allows(endpoint, use)) throw NetworkException.AccessDenied;
    }

    protected bool BindInProgress => _bindStarted;

    public void StartBind(WasiContext cx, IPEndPoint local, SocketUse use)
    {
        if (_bindStarted) throw NetworkException.ConcurrencyConflict;
        if (Socket.IsBound) throw NetworkException.InvalidState;
        CheckFamily(local);
        Permit(cx, local, use);
        try
        {
            Socket.Bind(local);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new NetworkException("address-not-bindable");
        }
        _bindStarted = true;
    }

    public void FinishBind()
    {
        if (!_bindStarted) throw NetworkException.NotInProgress;
        _bindStarted = false;
    }

    public IPEndPoint LocalAddress => Socket.IsBound && !_bindStarted ? (IPEndPoint)Socket.LocalEndPoint! : throw NetworkException.InvalidState;

    public byte HopLimit
    {
        get => (byte)Socket.Ttl;
        set => Socket.Ttl = value > 0 ? value : throw NetworkException.InvalidArgument;
    }

    public ulong ReceiveBufferSize
    {
        get => (ulong)Socket.ReceiveBufferSize;
        set => Socket.ReceiveBufferSize = BufferSize(value);
    }

    public ulong SendBufferSize
    {
        get => (ulong)Socket.SendBufferSize;
        set => Socket.SendBufferSize = BufferSize(value);
    }

    // The kernel clamps sizes to its own limits; WASI only refuses zero.
    private static int BufferSize(ulong value) => value == 0 ? throw NetworkException.InvalidArgument : (int)Math.Min(value, int.MaxValue);

    public virtual void Dispose() => Socket.Dispose();
}
