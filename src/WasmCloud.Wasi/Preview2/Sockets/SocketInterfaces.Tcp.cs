using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>wasi:sockets/tcp and tcp-create-socket.</summary>
internal static partial class SocketInterfaces
{
    private static readonly ValType ShutdownType = Wit.Enum("receive", "send", "both");

    private static void DefineTcp(WasiPreview2 wasi, ComponentLinker linker)
    {
        var sockets = wasi.Sockets;
        var tcp = sockets.TcpSocket;
        TcpSocket Self(ComponentValue[] args) => tcp.Get<TcpSocket>(args[0]);
        var network = ("network", sockets.Network.Borrow);
        var streams = Wit.Tuple(wasi.InputStream.Own, wasi.OutputStream.Own);

        var tcpInterface = new HostInterface("wasi:sockets/tcp")
            .Resource("input-stream", wasi.InputStream)
            .Resource("output-stream", wasi.OutputStream)
            .Resource("pollable", wasi.Pollable)
            .Resource("network", sockets.Network)
            .ValueTypes("duration", "error-code", "ip-socket-address", "ip-address-family", "shutdown-type")
            .Resource("tcp-socket", tcp);
        void Method(string name, ValType? ok, (string, ValType)[] parameters, Func<WasiContext, ComponentValue[], ComponentValue?> body) =>
            tcpInterface.Method(tcp, "tcp-socket", name, SocketValues.Result(ok), parameters, (cx, args) => Guarded(() => body(cx, args)));

        Method("start-bind", null, [network, ("local-address", SocketValues.IpSocketAddress)],
            (cx, args) => Done(() => Self(args).StartBind(cx, SocketValues.ToEndPoint(args[2]))));
        Method("finish-bind", null, None, (_, args) => Done(Self(args).FinishBind));
        Method("start-connect", null, [network, ("remote-address", SocketValues.IpSocketAddress)],
            (cx, args) => Done(() => Self(args).StartConnect(cx, SocketValues.ToEndPoint(args[2]))));
        Method("finish-connect", streams, None, (cx, args) =>
        {
            var (input, output) = Self(args).FinishConnect();
            return new TupleValue([wasi.InputStream.New(cx, input), wasi.OutputStream.New(cx, output)]);
        });
        Method("start-listen", null, None, (_, args) => Done(Self(args).StartListen));
        Method("finish-listen", null, None, (_, args) => Done(Self(args).FinishListen));
        Method("accept", Wit.Tuple(tcp.Own, wasi.InputStream.Own, wasi.OutputStream.Own), None, (cx, args) =>
        {
            var (socket, input, output) = Self(args).Accept();
            return new TupleValue([tcp.New(cx, socket), wasi.InputStream.New(cx, input), wasi.OutputStream.New(cx, output)]);
        });
        Method("local-address", SocketValues.IpSocketAddress, None, (_, args) => SocketValues.EndPoint(Self(args).LocalAddress));
        Method("remote-address", SocketValues.IpSocketAddress, None, (_, args) => SocketValues.EndPoint(Self(args).RemoteAddress));
        tcpInterface.Method(tcp, "tcp-socket", "is-listening", Wit.Bool, None, args => ComponentValue.Bool(Self(args).IsListening));
        tcpInterface.Method(tcp, "tcp-socket", "address-family", SocketValues.AddressFamily, None, args => SocketValues.Family(Self(args).Family));
        Method("set-listen-backlog-size", null, [("value", Wit.U64)], (_, args) => Done(() => Self(args).SetListenBacklogSize(Val.ToU64(args[1]))));
        Method("keep-alive-enabled", Wit.Bool, None, (_, args) => ComponentValue.Bool(Self(args).KeepAliveEnabled));
        Method("set-keep-alive-enabled", null, [("value", Wit.Bool)], (_, args) => Done(() => Self(args).KeepAliveEnabled = Val.ToBool(args[1])));
        Method("keep-alive-idle-time", Wit.U64, None, (_, args) => Val.U64(Self(args).KeepAliveIdleTime));
        Method("set-keep-alive-idle-time", null, [("value", Wit.U64)], (_, args) => Done(() => Self(args).KeepAliveIdleTime = Val.ToU64(args[1])));
        Method("keep-alive-interval", Wit.U64, None, (_, args) => Val.U64(Self(args).KeepAliveInterval));
        Method("set-keep-alive-interval", null, [("value", Wit.U64)], (_, args) => Done(() => Self(args).KeepAliveInterval = Val.ToU64(args[1])));
        Method("keep-alive-count", Wit.U32, None, (_, args) => ComponentValue.U32(Self(args).KeepAliveCount));
        Method("set-keep-alive-count", null, [("value", Wit.U32)], (_, args) => Done(() => Self(args).KeepAliveCount = (uint)Val.ToU64(args[1])));
        DefineCommonOptions(tcpInterface, tcp, "tcp-socket", "hop-limit", args => Self(args));
        tcpInterface.Method(tcp, "tcp-socket", "subscribe", wasi.Pollable.Own, None, (cx, args) =>
        {
            var socket = Self(args);
            return wasi.Pollable.New(cx, new Pollable(() => socket.Ready));
        });
        Method("shutdown", null, [("shutdown-type", ShutdownType)], (_, args) => Done(() => Self(args).Shutdown(((EnumValue)args[1]).Case)));
        tcpInterface.DefineIn(linker);

        new HostInterface("wasi:sockets/tcp-create-socket")
            .Resource("network", sockets.Network)
            .ValueTypes("error-code", "ip-address-family")
            .Resource("tcp-socket", tcp)
            .Function("create-tcp-socket", Wit.Func(SocketValues.Result(tcp.Own), ("address-family", SocketValues.AddressFamily)),
                (cx, args) => Guarded(() => tcp.New(cx, new TcpSocket(SocketValues.ToFamily(args[0])))))
            .DefineIn(linker);
    }
}
