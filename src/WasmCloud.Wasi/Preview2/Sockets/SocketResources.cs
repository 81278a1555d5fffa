namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>The resources of wasi:sockets, as the host defines them (one set per <see cref="WasiPreview2"/>).</summary>
internal sealed class SocketResources(HostTable table)
{
    public HostResource Network { get; } = new("network", table);
    public HostResource TcpSocket { get; } = new("tcp-socket", table);
    public HostResource UdpSocket { get; } = new("udp-socket", table);
    public HostResource IncomingDatagramStream { get; } = new("incoming-datagram-stream", table);
    public HostResource OutgoingDatagramStream { get; } = new("outgoing-datagram-stream", table);
    public HostResource ResolveAddressStream { get; } = new("resolve-address-stream", table);
}

/// <summary>The host object behind a wasi:sockets network: a capability token; what it may reach is the context's <see cref="SocketPolicy"/>.</summary>
internal sealed class Network;
