using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>wasi:sockets/ip-name-lookup.</summary>
internal static partial class SocketInterfaces
{
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
