using System.Net.Sockets;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>
/// wasi:sockets: network, instance-network, ip-name-lookup, tcp, tcp-create-socket, udp and udp-create-socket.
/// Every address a guest binds, connects or sends to is checked against its context's <see cref="SocketPolicy"/>
/// (deny by default); failures return the WIT's error-codes.
/// </summary>
internal static partial class SocketInterfaces
{
    private static readonly (string, ValType)[] None = [];

    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        var sockets = wasi.Sockets;
        new HostInterface("wasi:sockets/network")
            .Resource("network", sockets.Network)
            .ValueTypes("error-code", "ip-address-family", "ipv4-address", "ipv6-address", "ip-address", "ipv4-socket-address",
                "ipv6-socket-address", "ip-socket-address")
            .DefineIn(linker);
        new HostInterface("wasi:sockets/instance-network")
            .Resource("network", sockets.Network)
            .Function("instance-network", Wit.Func(sockets.Network.Own), (cx, _) => sockets.Network.New(cx, new Network()))
            .DefineIn(linker);
        DefineNameLookup(wasi, linker);
        DefineTcp(wasi, linker);
        DefineUdp(wasi, linker);
    }

    /// <summary>Runs a socket operation; a failure becomes the error-code it is.</summary>
    private static ComponentValue Guarded(Func<ComponentValue?> operation)
    {
        try
        {
            return Val.Ok(operation());
        }
        catch (Exception e) when (e is NetworkException or SocketException or ObjectDisposedException)
        {
            return Val.Error(new EnumValue(NetworkException.CodeOf(e)));
        }
    }

    private static ComponentValue? Done(Action operation)
    {
        operation();
        return null;
    }

    /// <summary>The hop limit and buffer sizes, which TCP and UDP sockets share (UDP calls its hop limit unicast-hop-limit).</summary>
    private static void DefineCommonOptions(HostInterface target, HostResource resource, string resourceName, string hopLimit, Func<ComponentValue[], IpSocket> self)
    {
        void Method(string name, ValType? ok, (string, ValType)[] parameters, Func<ComponentValue[], ComponentValue?> body) =>
            target.Method(resource, resourceName, name, SocketValues.Result(ok), parameters, args => Guarded(() => body(args)));
        Method(hopLimit, Wit.U8, None, args => ComponentValue.U8(self(args).HopLimit));
        Method($"set-{hopLimit}", null, [("value", Wit.U8)], args => Done(() => self(args).HopLimit = (byte)Val.ToU64(args[1])));
        Method("receive-buffer-size", Wit.U64, None, args => Val.U64(self(args).ReceiveBufferSize));
        Method("set-receive-buffer-size", null, [("value", Wit.U64)], args => Done(() => self(args).ReceiveBufferSize = Val.ToU64(args[1])));
        Method("send-buffer-size", Wit.U64, None, args => Val.U64(self(args).SendBufferSize));
        Method("set-send-buffer-size", null, [("value", Wit.U64)], args => Done(() => self(args).SendBufferSize = Val.ToU64(args[1])));
    }

    private static void DefineNameLookup(WasiPreview2 wasi, ComponentLinker linker)
    {
        var sockets = wasi.Sockets;
        var stream = sockets.ResolveAddressStream;
        new HostInterface("wasi:sockets/ip-name-lookup")
            .Resource("pollable", wasi.Pollable)
            .Resource("network", sockets.Network)
            .ValueTypes("error-code", "ip-address")
            .Resource("resolve-address-stream", stream)
            .Function("resolve-addresses", Wit.Func(SocketValues.Result(stream.Own), ("network", sockets.Network.Borrow), ("name", Wit.String)),
                (cx, args) => Guarded(() => stream.New(cx, ResolveAddressStream.Start(cx, Val.ToText(args[1])))))
            .Method(stream, "resolve-address-stream", "resolve-next-address", SocketValues.Result(Wit.Option(SocketValues.IpAddress)), None,
                args => Guarded(() => stream.Get<ResolveAddressStream>(args[0]).Next() is { } address ? Val.Some(SocketValues.Address(address)) : Val.None))
            .Method(stream, "resolve-address-stream", "subscribe", wasi.Pollable.Own, None, (cx, args) =>
            {
                var lookup = stream.Get<ResolveAddressStream>(args[0]);
                return wasi.Pollable.New(cx, new Pollable(() => lookup.Ready));
            })
            .DefineIn(linker);
    }
}
