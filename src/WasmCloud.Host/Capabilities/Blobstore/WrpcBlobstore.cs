using System.Buffers;
using WasmCloud.Components;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Encoding;

namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>
/// <c>wrpc:blobstore/blobstore@0.2.0</c>, the interface upstream's hosts call blobstore providers by and upstream's
/// providers serve. Most functions are plain values (<see cref="Plain"/>, through the generic codec); three carry
/// async values, written here by hand: <c>list-container-objects</c> and <c>get-container-data</c> answer
/// <c>ok((stream, future&lt;result&lt;_, string&gt;&gt;))</c> with the stream on result path <c>0.0</c> and the future on
/// <c>0.1</c>; <c>write-container-data(id, data: stream&lt;u8&gt;)</c> takes the data on parameter path <c>1</c> and
/// answers <c>ok(future&lt;result&lt;_, string&gt;&gt;)</c> with the future on result path <c>0</c>.
/// </summary>
internal static class WrpcBlobstore
{
    public const string Instance = "wrpc:blobstore/blobstore@0.2.0";
    public const string ListObjects = "list-container-objects";
    public const string GetData = "get-container-data";
    public const string WriteData = "write-container-data";

    public static readonly ValType ObjectId = Wit.Record(("container", Wit.String), ("object", Wit.String));
    private static readonly ValType Error = Wit.String;
    private static readonly ValType Done = Wit.Result(null, Error);

    /// <summary>The functions without async values, by name.</summary>
    public static readonly IReadOnlyDictionary<string, FunctionCodec> Plain = new Dictionary<string, FunctionCodec>
    {
        ["clear-container"] = Codec(Done, ("name", Wit.String)),
        ["container-exists"] = Codec(Wit.Result(Wit.Bool, Error), ("name", Wit.String)),
        ["create-container"] = Codec(Done, ("name", Wit.String)),
        ["delete-container"] = Codec(Done, ("name", Wit.String)),
        ["get-container-info"] = Codec(Wit.Result(Wit.Record(("created-at", Wit.U64)), Error), ("name", Wit.String)),
        ["copy-object"] = Codec(Done, ("src", ObjectId), ("dest", ObjectId)),
        ["delete-object"] = Codec(Done, ("id", ObjectId)),
        ["delete-objects"] = Codec(Done, ("container", Wit.String), ("objects", Wit.List(Wit.String))),
        ["get-object-info"] = Codec(Wit.Result(Wit.Record(("created-at", Wit.U64), ("size", Wit.U64)), Error), ("id", ObjectId)),
        ["has-object"] = Codec(Wit.Result(Wit.Bool, Error), ("id", ObjectId)),
        ["move-object"] = Codec(Done, ("src", ObjectId), ("dest", ObjectId)),
    };

    /// <summary>The parameters of <c>list-container-objects</c>: <c>(name, limit: option&lt;u64&gt;, offset: option&lt;u64&gt;)</c>.</summary>
    public static readonly FunctionCodec ListParameters = Codec(null, ("name", Wit.String), ("limit", Wit.Option(Wit.U64)), ("offset", Wit.Option(Wit.U64)));

    /// <summary>The parameters of <c>get-container-data</c>: <c>(id, start, end)</c>.</summary>
    public static readonly FunctionCodec GetDataParameters = Codec(null, ("id", ObjectId), ("start", Wit.U64), ("end", Wit.U64));

    public const string StreamPath = "0.0";
    public const string StatusPath = "0.1";
    public const string WriteDataPath = "1";
    public const string WriteStatusPath = "0";

    private static FunctionCodec Codec(ValType? result, params (string, ValType)[] parameters) => new(Wit.Func(result, parameters));

    public static ComponentValue Id(string container, string name) =>
        new RecordValue([("container", ComponentValue.String(container)), ("object", ComponentValue.String(name))]);

    public static (string Container, string Name) Id(ComponentValue id)
    {
        var fields = ((RecordValue)id).Fields;
        return (Val.ToText(fields[0].Value), Val.ToText(fields[1].Value));
    }

    /// <summary><c>ok</c> with the given pending async values (each <c>0x00</c>), as the three async functions answer.</summary>
    public static byte[] PendingOk(int pendingValues) => [0, .. new byte[pendingValues]];

    /// <summary><c>err(message)</c>, as any of them answers a failure.</summary>
    public static byte[] Failure(string message)
    {
        var output = new ArrayBufferWriter<byte>();
        ValueEncoder.Write(output, Done, Val.Error(ComponentValue.String(message)));
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A <c>result&lt;_, string&gt;</c> future's value: ok, or the error.</summary>
    public static byte[] Status(string? error) => error is null ? [0] : Failure(error);

    public static string? ReadStatus(ReadOnlySpan<byte> bytes)
    {
        var status = Val.ToVariant(ValueDecoder.ReadTuple(bytes, [Done])[0]);
        return status.Case == "ok" ? null : Val.ToText(status.Payload!);
    }

    /// <summary>
    /// An async function's head: ok with its values pending, or the error. A value that came ready is not what our
    /// servers or upstream's send, and is refused by name.
    /// </summary>
    public static string? ReadHead(ReadOnlyMemory<byte> bytes, int pendingValues, string function)
    {
        var input = bytes.Span;
        if (input.Length == 0) throw new WrpcDecodeException($"{function}: the result is empty");
        if (input[0] == 1) return Val.ToText(Val.ToVariant(ValueDecoder.ReadTuple(input, [Done])[0]).Payload!);
        if (input.Length != 1 + pendingValues) throw new WrpcDecodeException($"{function}: the result is not ok with {pendingValues} pending value(s)");
        for (int i = 1; i < input.Length; i++)
            if (input[i] != 0) throw new WrpcDecodeException($"{function}: a value sent ready in the result is not supported");
        return null;
    }

    /// <summary>Names in <c>stream&lt;string&gt;</c> chunks: each a LEB128 count and that many strings, then an empty chunk.</summary>
    public static byte[] NameChunk(IReadOnlyList<string> names)
    {
        var output = new ArrayBufferWriter<byte>();
        ValueEncoder.Write(output, Wit.List(Wit.String), new ListValue(names.Select(ComponentValue.String).ToArray()));
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Every name in a whole <c>stream&lt;string&gt;</c> path's bytes, to its empty chunk.</summary>
    public static List<string> ReadNames(ReadOnlySpan<byte> bytes)
    {
        var names = new List<string>();
        int position = 0;
        while (true)
        {
            var chunk = Val.ToList(ValueDecoder.Read(bytes, ref position, Wit.List(Wit.String), "names"));
            if (chunk.Count == 0) break;
            names.AddRange(chunk.Select(Val.ToText));
        }
        if (position != bytes.Length) throw new WrpcDecodeException($"{bytes.Length - position} bytes follow the end of the names");
        return names;
    }
}
