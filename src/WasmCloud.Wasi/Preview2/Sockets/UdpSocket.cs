using System.Net;
using System.Net.Sockets;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>
/// The host object behind a wasi:sockets udp-socket. A remote address given to <c>stream</c> is kept here rather
/// than by connecting the OS socket, so a later <c>stream</c> can change or clear it.
/// </summary>
internal sealed class UdpSocket(AddressFamily family) : IpSocket(Create(family, SocketType.Dgram, ProtocolType.Udp))
{
    private IPEndPoint? _remote;

    public void StartBind(WasiContext cx, IPEndPoint local) => StartBind(cx, local, SocketUse.UdpBind);

    public (IncomingDatagramStream Incoming, OutgoingDatagramStream Outgoing) Stream(WasiContext cx, IPEndPoint? remote)
    {
        if (!Socket.IsBound || BindInProgress) throw NetworkException.InvalidState;
        if (remote is not null)
        {
            CheckRemote(remote);
            Permit(cx, remote, SocketUse.UdpConnect);
        }
        _remote = remote;
        return (new IncomingDatagramStream(this, remote), new OutgoingDatagramStream(this, remote));
    }

    public IPEndPoint RemoteAddress => _remote ?? throw NetworkException.InvalidState;
}

/// <summary>
/// Datagrams arriving at a UDP socket: one receive is kept in flight, and <see cref="Receive"/> takes what has
/// arrived without waiting (the OS completes a receive at once while datagrams are queued).
/// </summary>
internal sealed class IncomingDatagramStream(UdpSocket socket, IPEndPoint? remote)
{
    private readonly byte[] _buffer = new byte[65536];
    private Task<SocketReceiveFromResult>? _pending;

    public Task Ready => _pending ??= socket.Socket.ReceiveFromAsync(_buffer, new IPEndPoint(socket.Family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0));

    public List<(byte[] Data, IPEndPoint From)> Receive(ulong max)
    {
        var datagrams = new List<(byte[], IPEndPoint)>();
        while ((ulong)datagrams.Count < max)
        {
            var pending = (Task<SocketReceiveFromResult>)Ready;
            if (!pending.IsCompleted) break;
            _pending = null;
            if (pending.Exception is { } failure)
            {
                if (datagrams.Count > 0) break;
                throw new NetworkException(NetworkException.CodeOf(failure.InnerException!));
            }
            var from = (IPEndPoint)pending.Result.RemoteEndPoint;
            // A stream opened for one remote address sees only that address's datagrams.
            if (remote is null || remote.Equals(from)) datagrams.Add((_buffer[..pending.Result.ReceivedBytes], from));
        }
        return datagrams;
    }
}

/// <summary>Datagrams leaving a UDP socket: each goes to its own address or the stream's, if the policy allows it.</summary>
internal sealed class OutgoingDatagramStream(UdpSocket socket, IPEndPoint? remote)
{
    // How many datagrams one check-send permits: sends are synchronous, so this only bounds one call's work.
    private const int Permit = 64;
    private ulong _permitted;

    public ulong CheckSend() => _permitted = Permit;

    public ulong Send(WasiContext cx, IReadOnlyList<(byte[] Data, IPEndPoint? To)> datagrams)
    {
        if ((ulong)datagrams.Count > _permitted) throw new Components.ComponentTrap("send was given more datagrams than check-send permitted");
        _permitted -= (ulong)datagrams.Count;
        ulong sent = 0;
        foreach (var (data, to) in datagrams)
        {
            try
            {
                var destination = to ?? remote ?? throw NetworkException.InvalidArgument;
                if (to is not null && remote is not null && !to.Equals(remote)) throw NetworkException.InvalidArgument;
                socket.CheckRemote(destination);
                IpSocket.Permit(cx, destination, SocketUse.UdpOutgoingDatagram);
                socket.Socket.SendTo(data, destination);
                sent++;
            }
            catch (Exception e) when (sent > 0 && e is NetworkException or SocketException)
            {
                break;
            }
        }
        return sent;
    }
}
