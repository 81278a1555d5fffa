using System.Buffers;
using System.Text;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Http;

/// <summary>
/// <c>wrpc:http/incoming-handler@0.1.0.handle</c> on the wire, as upstream's http-server provider calls it and its
/// hosts serve it: <c>handle(request) -&gt; result&lt;response, error-code&gt;</c>, where
/// <c>request = {body: stream&lt;u8&gt;, trailers: future&lt;option&lt;fields&gt;&gt;, method, path-with-query,
/// scheme, authority, headers}</c> and <c>response = {body, trailers, status: u16, headers}</c>, fields being
/// <c>list&lt;tuple&lt;string, list&lt;list&lt;u8&gt;&gt;&gt;&gt;</c>. The body and trailers are sent pending and follow
/// on their paths, <see cref="BodyPath"/> and <see cref="TrailersPath"/>, below the parameters or the results.
/// The heads are written and read here by hand: they are on every request's path.
/// </summary>
internal static class WrpcHttpWire
{
    public const string Instance = "wrpc:http/incoming-handler@0.1.0";

    /// <summary>The http-client's interface: the same request and response, and the request's options (timeouts in nanoseconds).</summary>
    public const string OutgoingInstance = "wrpc:http/outgoing-handler@0.1.0";
    public const string Function = "handle";

    /// <summary>The first parameter's (or the result's) first field, the body; its second, the trailers.</summary>
    public const string BodyPath = "0.0";
    public const string TrailersPath = "0.1";

    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    public static byte[] EncodeRequest(ServedRequest request)
    {
        var output = new ArrayBufferWriter<byte>(256);
        WriteRequest(output, request);
        return output.WrittenSpan.ToArray();
    }

    /// <summary><c>wrpc:http/outgoing-handler@0.1.0.handle(request, options)</c>'s parameters: the request's head, then <c>option&lt;request-options&gt;</c>.</summary>
    public static byte[] EncodeOutgoingRequest(ServedRequest request, OutgoingOptions? options)
    {
        var output = new ArrayBufferWriter<byte>(256);
        WriteRequest(output, request);
        if (options is null) WriteByte(output, 0);
        else
        {
            WriteByte(output, 1);
            foreach (var timeout in new[] { options.ConnectTimeout, options.FirstByteTimeout, options.BetweenBytesTimeout })
            {
                WriteByte(output, timeout is null ? (byte)0 : (byte)1);
                if (timeout is { } nanoseconds) Leb128.WriteUnsigned(output, nanoseconds);
            }
        }
        return output.WrittenSpan.ToArray();
    }

    private static void WriteRequest(ArrayBufferWriter<byte> output, ServedRequest request)
    {
        WriteByte(output, 0); // body: pending
        WriteByte(output, 0); // trailers: pending
        var method = Array.IndexOf(Methods, request.Method.ToUpperInvariant());
        Leb128.WriteUnsigned(output, (ulong)(method < 0 ? Methods.Length : method));
        if (method < 0) ValueEncoder.WriteText(output, request.Method);
        WriteOptionalString(output, request.PathWithQuery);
        if (request.Scheme is null) WriteByte(output, 0);
        else
        {
            WriteByte(output, 1);
            var scheme = request.Scheme.ToLowerInvariant() switch { "http" => 0, "https" => 1, _ => 2 };
            Leb128.WriteUnsigned(output, (ulong)scheme);
            if (scheme == 2) ValueEncoder.WriteText(output, request.Scheme);
        }
        WriteOptionalString(output, request.Authority);
        WriteFields(output, request.Headers);
    }

    /// <summary>The request's head; bytes that are not a whole one are a <see cref="WrpcDecodeException"/> saying where.</summary>
    public static RequestHead DecodeRequest(ReadOnlyMemory<byte> bytes)
    {
        var input = bytes.Span;
        int position = 0;
        var head = ReadRequest(input, ref position);
        End(input, position);
        return head;
    }

    /// <summary><see cref="EncodeOutgoingRequest"/> read back.</summary>
    public static (RequestHead Request, OutgoingOptions? Options) DecodeOutgoingRequest(ReadOnlyMemory<byte> bytes)
    {
        var input = bytes.Span;
        int position = 0;
        var head = ReadRequest(input, ref position);
        OutgoingOptions? options = null;
        if (ReadFlag(input, ref position, "options"))
        {
            var timeouts = new ulong?[3];
            for (var i = 0; i < 3; i++)
                timeouts[i] = ReadFlag(input, ref position, "options.timeout") ? Leb128.ReadUnsigned(input, ref position, 64, "options.timeout") : null;
            options = new OutgoingOptions(timeouts[0], timeouts[1], timeouts[2]);
        }
        End(input, position);
        return (head, options);
    }

    private static RequestHead ReadRequest(ReadOnlySpan<byte> input, ref int position)
    {
        var body = ReadBody(input, ref position, "request.body");
        var trailers = ReadTrailers(input, ref position, "request.trailers");
        var methodCase = Leb128.ReadUnsigned(input, ref position, 32, "request.method");
        var method = methodCase < (ulong)Methods.Length ? Methods[methodCase]
            : methodCase == (ulong)Methods.Length ? ValueDecoder.ReadText(input, ref position, "request.method.other")
            : throw new WrpcDecodeException($"request.method: case {methodCase} is past the last");
        var path = ReadOptionalString(input, ref position, "request.path-with-query");
        string? scheme = null;
        if (ReadFlag(input, ref position, "request.scheme"))
        {
            scheme = Leb128.ReadUnsigned(input, ref position, 32, "request.scheme") switch
            {
                0 => "http",
                1 => "https",
                2 => ValueDecoder.ReadText(input, ref position, "request.scheme.other"),
                var other => throw new WrpcDecodeException($"request.scheme: case {other} is past the last"),
            };
        }
        var authority = ReadOptionalString(input, ref position, "request.authority");
        var headers = ReadFields(input, ref position, "request.headers");
        return new RequestHead(body, trailers, method, path, scheme, authority, headers);
    }

    public static byte[] EncodeResponse(ServedResponse response)
    {
        var output = new ArrayBufferWriter<byte>(256);
        WriteByte(output, 0); // ok
        WriteByte(output, 0); // body: pending
        WriteByte(output, 0); // trailers: pending
        Leb128.WriteUnsigned(output, response.Status);
        WriteFields(output, response.Headers);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] EncodeError(ComponentValue errorCode)
    {
        var output = new ArrayBufferWriter<byte>(64);
        WriteByte(output, 1);
        ValueEncoder.Write(output, ErrorCode.Type, errorCode, "error-code");
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The result: a response's head, or the error-code the handler failed with.</summary>
    public static ResponseHead DecodeResponse(ReadOnlyMemory<byte> bytes)
    {
        var input = bytes.Span;
        int position = 0;
        ResponseHead head;
        if (ReadFlag(input, ref position, "result"))
        {
            head = new ResponseHead(null, default, 0, [], ValueDecoder.Read(input, ref position, ErrorCode.Type, "result.error"));
        }
        else
        {
            var body = ReadBody(input, ref position, "response.body");
            var trailers = ReadTrailers(input, ref position, "response.trailers");
            var status = (ushort)Leb128.ReadUnsigned(input, ref position, 16, "response.status");
            head = new ResponseHead(body, trailers, status, ReadFields(input, ref position, "response.headers"), null);
        }
        End(input, position);
        return head;
    }

    /// <summary><c>option&lt;fields&gt;</c>, as a future's value on <see cref="TrailersPath"/>.</summary>
    public static byte[] EncodeTrailers(IReadOnlyList<(string Name, byte[] Value)>? trailers)
    {
        var output = new ArrayBufferWriter<byte>(64);
        if (trailers is null) WriteByte(output, 0);
        else
        {
            WriteByte(output, 1);
            WriteFields(output, trailers);
        }
        return output.WrittenSpan.ToArray();
    }

    public static IReadOnlyList<(string Name, byte[] Value)>? DecodeTrailers(ReadOnlySpan<byte> input)
    {
        int position = 0;
        var trailers = ReadFlag(input, ref position, "trailers") ? ReadFields(input, ref position, "trailers") : null;
        End(input, position);
        return trailers;
    }

    /// <summary>A trailers future's value, sent on its path (then the path's end).</summary>
    public static async Task SendTrailersAsync(WrpcPathWriter path, IReadOnlyList<(string Name, byte[] Value)>? trailers, CancellationToken cancel)
    {
        await path.WriteAsync(EncodeTrailers(trailers), cancel);
        await path.CompleteAsync(cancel);
    }

    /// <summary>A trailers future's value, read from its path to the path's end.</summary>
    public static async Task<IReadOnlyList<(string Name, byte[] Value)>?> ReceiveTrailersAsync(WrpcPathReader path, TimeSpan timeout, CancellationToken cancel)
    {
        var value = new ArrayBufferWriter<byte>(64);
        while (await path.ReadAsync(timeout, cancel) is { } part) value.Write(part);
        return DecodeTrailers(value.WrittenSpan);
    }

    // stream<u8>: a non-empty list is the whole body; an empty one means it follows on its path.
    private static byte[]? ReadBody(ReadOnlySpan<byte> input, ref int position, string what) =>
        ValueDecoder.ReadBytes(input, ref position, what) is { Length: > 0 } body ? body.ToArray() : null;

    // future<option<fields>>: 0 pending (it follows on its path), 1 and the value when ready.
    private static Trailers ReadTrailers(ReadOnlySpan<byte> input, ref int position, string what) =>
        ReadFlag(input, ref position, what)
            ? new Trailers(true, ReadFlag(input, ref position, what) ? ReadFields(input, ref position, what) : null)
            : default;

    private static void WriteFields(ArrayBufferWriter<byte> output, IReadOnlyList<(string Name, byte[] Value)> fields)
    {
        // One entry per name, its values in order, names in the order they first appear.
        var names = new List<string>();
        var values = new Dictionary<string, List<byte[]>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
                names.Add(name);
            }
            list.Add(value);
        }
        Leb128.WriteUnsigned(output, (ulong)names.Count);
        foreach (var name in names)
        {
            ValueEncoder.WriteText(output, name);
            Leb128.WriteUnsigned(output, (ulong)values[name].Count);
            foreach (var value in values[name]) ValueEncoder.WriteBytes(output, value);
        }
    }

    private static List<(string Name, byte[] Value)> ReadFields(ReadOnlySpan<byte> input, ref int position, string what)
    {
        // Each entry takes bytes or fails, so a hostile count ends at the payload's end.
        var count = Leb128.ReadUnsigned(input, ref position, 32, what);
        var fields = new List<(string, byte[])>((int)Math.Min(count, 64));
        for (ulong i = 0; i < count; i++)
        {
            // Errors name the fields, not the entry: a head is decoded on every request, and its paths are not built ahead.
            var name = ValueDecoder.ReadText(input, ref position, what);
            var values = Leb128.ReadUnsigned(input, ref position, 32, what);
            for (ulong j = 0; j < values; j++) fields.Add((name, ValueDecoder.ReadBytes(input, ref position, what).ToArray()));
        }
        return fields;
    }

    private static void WriteByte(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteOptionalString(ArrayBufferWriter<byte> output, string? value)
    {
        WriteByte(output, value is null ? (byte)0 : (byte)1);
        if (value is not null) ValueEncoder.WriteText(output, value);
    }

    private static bool ReadFlag(ReadOnlySpan<byte> input, ref int position, string what)
    {
        if (position >= input.Length) throw new WrpcDecodeException($"{what}: the payload ends early");
        return input[position++] switch
        {
            0 => false,
            1 => true,
            var other => throw new WrpcDecodeException($"{what}: case {other} is past the last"),
        };
    }

    private static string? ReadOptionalString(ReadOnlySpan<byte> input, ref int position, string what) =>
        ReadFlag(input, ref position, what) ? ValueDecoder.ReadText(input, ref position, what) : null;

    private static void End(ReadOnlySpan<byte> input, int position)
    {
        if (position != input.Length) throw new WrpcDecodeException($"{input.Length - position} bytes are left over after the last value");
    }

    /// <summary>A future's state in a head: whether its value came with it, and that value.</summary>
    public sealed record OutgoingOptions(ulong? ConnectTimeout, ulong? FirstByteTimeout, ulong? BetweenBytesTimeout);

    public readonly record struct Trailers(bool Ready, IReadOnlyList<(string Name, byte[] Value)>? Value);

    /// <param name="Body">The whole body when it came in the head; null when it follows on <see cref="BodyPath"/>.</param>
    public sealed record RequestHead(byte[]? Body, Trailers Trailers, string Method, string? PathWithQuery, string? Scheme, string? Authority,
        List<(string Name, byte[] Value)> Headers);

    /// <param name="Error">The error-code the handler failed with; when set, nothing else is.</param>
    public sealed record ResponseHead(byte[]? Body, Trailers Trailers, ushort Status, List<(string Name, byte[] Value)> Headers, ComponentValue? Error);
}
