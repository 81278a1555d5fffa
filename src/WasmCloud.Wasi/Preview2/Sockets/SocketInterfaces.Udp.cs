using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>wasi:sockets/udp and udp-create-socket.</summary>
internal static partial class SocketInterfaces
{
    private static void DefineUdp(WasiPreview2 wasi, ComponentLinker linker)
    {
        var sockets = wasi.Sockets;
        var udp = sockets.UdpSocket;
        var incoming = sockets.IncomingDatagramStream;
        var outgoing = sockets.OutgoingDatagramStream;
        UdpSocket Self(ComponentValue[] args) => udp.Get<UdpSocket>(args[0]);
        var incomingDatagram = Wit.Record(("data", Wit.Bytes), ("remote-address", SocketValues.IpSocketAddress));
        var outgoingDatagram = Wit.Record(("data", Wit.Bytes), ("remote-address", Wit.Option(SocketValues.IpSocketAddress)));

        var udpInterface = new HostInterface("wasi:sockets/udp")
            .Resource("pollable", wasi.Pollable)
            .Resource("network", sockets.Network)
            .ValueTypes("error-code", "ip-socket-address", "ip-address-family", "incoming-datagram", "outgoing-datagram")
            .Resource("udp-socket", udp)
            .Resource("incoming-datagram-stream", incoming)
            .Resource("outgoing-datagram-stream", outgoing);
        void Method(HostResource resource, string resourceName, string name, ValType? ok, (string, ValType)[] parameters,
            Func<WasiContext, ComponentValue[], ComponentValue?> body) =>
            udpInterface.Method(resource, resourceName, name, SocketValues.Result(ok), parameters, (cx, args) => Guarded(() => body(cx, args)));
        void Subscribe(HostResource resource, string resourceName, Func<ComponentValue[], Pollable> pollable) =>
            udpInterface.Method(resource, resourceName, "subscribe", wasi.Pollable.Own, None, (cx, args) => wasi.Pollable.New(cx, pollable(args)));

        Method(udp, "udp-socket", "start-bind", null, [("network", sockets.Network.Borrow), ("local-address", SocketValues.IpSocketAddress)],
            (cx, args) => Done(() => Self(args).StartBind(cx, SocketValues.ToEndPoint(args[2]))));
        Method(udp, "udp-socket", "finish-bind", null, None, (_, args) => Done(Self(args).FinishBind));
        Method(udp, "udp-socket", "stream", Wit.Tuple(incoming.Own, outgoing.Own), [("remote-address", Wit.Option(SocketValues.IpSocketAddress))], (cx, args) =>
        {
            var remote = Val.ToVariant(args[1]).Payload is { } address ? SocketValues.ToEndPoint(address) : null;
            var (receiving, sending) = Self(args).Stream(cx, remote);
            return new TupleValue([incoming.New(cx, receiving), outgoing.New(cx, sending)]);
        });
        Method(udp, "udp-socket", "local-address", SocketValues.IpSocketAddress, None, (_, args) => SocketValues.EndPoint(Self(args).LocalAddress));
        Method(udp, "udp-socket", "remote-address", SocketValues.IpSocketAddress, None, (_, args) => SocketValues.EndPoint(Self(args).RemoteAddress));
        udpInterface.Method(udp, "udp-socket", "address-family", SocketValues.AddressFamily, None, args => SocketValues.Family(Self(args).Family));
        DefineCommonOptions(udpInterface, udp, "udp-socket", "unicast-hop-limit", args => Self(args));
        // Binding completes at once, and sending never waits: those pollables are always ready.
        Subscribe(udp, "udp-socket", _ => Pollable.Completed);

        Method(incoming, "incoming-datagram-stream", "receive", Wit.List(incomingDatagram), [("max-results", Wit.U64)], (_, args) =>
            new ListValue(incoming.Get<IncomingDatagramStream>(args[0]).Receive(Val.ToU64(args[1]))
                .Select(d => (ComponentValue)new RecordValue([("data", Val.Bytes(d.Data)), ("remote-address", SocketValues.EndPoint(d.From))]))
                .ToArray()));
        Subscribe(incoming, "incoming-datagram-stream", args =>
        {
            var stream = incoming.Get<IncomingDatagramStream>(args[0]);
            return new Pollable(() => stream.Ready);
        });

        Method(outgoing, "outgoing-datagram-stream", "check-send", Wit.U64, None, (_, args) => Val.U64(outgoing.Get<OutgoingDatagramStream>(args[0]).CheckSend()));
        Method(outgoing, "outgoing-datagram-stream", "send", Wit.U64, [("datagrams", Wit.List(outgoingDatagram))], (cx, args) =>
        {
            var datagrams = Val.ToList(args[1]).Select(d =>
            {
                var fields = ((RecordValue)d).Fields;
                return (Val.ToBytes(fields[0].Value), Val.ToVariant(fields[1].Value).Payload is { } to ? SocketValues.ToEndPoint(to) : null);
            }).ToArray();
            return Val.U64(outgoing.Get<OutgoingDatagramStream>(args[0]).Send(cx, datagrams));
        });
        Subscribe(outgoing, "outgoing-datagram-stream", _ => Pollable.Completed);
        udpInterface.DefineIn(linker);

        new HostInterface("wasi:sockets/udp-create-socket")
            .Resource("network", sockets.Network)
            .ValueTypes("error-code", "ip-address-family")
            .Resource("udp-socket", udp)
            .Function("create-udp-socket", Wit.Func(SocketValues.Result(udp.Own), ("address-family", SocketValues.AddressFamily)),
                (cx, args) => Guarded(() => udp.New(cx, new UdpSocket(SocketValues.ToFamily(args[0])))))
            .DefineIn(linker);
    }
}
