using System.Net;
using System.Net.Sockets;
using WasmCloud.Components;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>The value types of wasi:sockets/network and their conversions to and from .NET addresses.</summary>
internal static class SocketValues
{
    private static readonly ValType U16 = ValType.Of(PrimitiveType.U16);
    private static readonly ValType Ipv4Address = Wit.Tuple(Wit.U8, Wit.U8, Wit.U8, Wit.U8);
    private static readonly ValType Ipv6Address = Wit.Tuple(U16, U16, U16, U16, U16, U16, U16, U16);

    public static readonly ValType ErrorCode = Wit.Enum("unknown", "access-denied", "not-supported", "invalid-argument", "out-of-memory", "timeout",
        "concurrency-conflict", "not-in-progress", "would-block", "invalid-state", "new-socket-limit", "address-not-bindable", "address-in-use",
        "remote-unreachable", "connection-refused", "connection-reset", "connection-aborted", "datagram-too-large", "name-unresolvable",
        "temporary-resolver-failure", "permanent-resolver-failure");
    public static readonly ValType AddressFamily = Wit.Enum("ipv4", "ipv6");
    public static readonly ValType IpAddress = Wit.Variant(("ipv4", Ipv4Address), ("ipv6", Ipv6Address));
    public static readonly ValType IpSocketAddress = Wit.Variant(
        ("ipv4", Wit.Record(("port", U16), ("address", Ipv4Address))),
        ("ipv6", Wit.Record(("port", U16), ("flow-info", Wit.U32), ("address", Ipv6Address), ("scope-id", Wit.U32))));

    public static ValType Result(ValType? ok) => Wit.Result(ok, ErrorCode);

    public static AddressFamily ToFamily(ComponentValue family) =>
        ((EnumValue)family).Case == "ipv4" ? System.Net.Sockets.AddressFamily.InterNetwork : System.Net.Sockets.AddressFamily.InterNetworkV6;

    public static ComponentValue Family(AddressFamily family) => new EnumValue(family == System.Net.Sockets.AddressFamily.InterNetwork ? "ipv4" : "ipv6");

    public static IPEndPoint ToEndPoint(ComponentValue value)
    {
        var (family, payload) = Val.ToVariant(value);
        var fields = ((RecordValue)payload!).Fields;
        var port = (int)Val.ToU64(fields[0].Value);
        if (family == "ipv4") return new IPEndPoint(ToAddress(new VariantValue("ipv4", fields[1].Value)), port);
        var address = ToAddress(new VariantValue("ipv6", fields[2].Value));
        address.ScopeId = (long)Val.ToU64(fields[3].Value);
        return new IPEndPoint(address, port);
    }

    public static IPAddress ToAddress(ComponentValue value)
    {
        var (family, payload) = Val.ToVariant(value);
        var parts = ((TupleValue)payload!).Elements;
        var bytes = new byte[family == "ipv4" ? 4 : 16];
        for (var i = 0; i < parts.Count; i++)
        {
            var part = Val.ToU64(parts[i]);
            if (family == "ipv4") bytes[i] = (byte)part;
            else (bytes[2 * i], bytes[2 * i + 1]) = ((byte)(part >> 8), (byte)part);
        }
        return new IPAddress(bytes);
    }

    public static ComponentValue EndPoint(IPEndPoint endpoint)
    {
        var port = ComponentValue.U16((ushort)endpoint.Port);
        var address = (VariantValue)Address(endpoint.Address);
        return address.Case == "ipv4"
            ? new VariantValue("ipv4", new RecordValue([("port", port), ("address", address.Payload!)]))
            : new VariantValue("ipv6", new RecordValue([("port", port), ("flow-info", ComponentValue.U32(0)), ("address", address.Payload!),
                ("scope-id", ComponentValue.U32((uint)endpoint.Address.ScopeId))]));
    }

    public static ComponentValue Address(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (bytes.Length == 4) return new VariantValue("ipv4", new TupleValue(bytes.Select(b => ComponentValue.U8(b)).ToArray()));
        var parts = new ComponentValue[8];
        for (var i = 0; i < 8; i++) parts[i] = ComponentValue.U16((ushort)(bytes[2 * i] << 8 | bytes[2 * i + 1]));
        return new VariantValue("ipv6", new TupleValue(parts));
    }
}
