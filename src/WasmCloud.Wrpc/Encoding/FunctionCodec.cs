using System.Buffers;
using WasmCloud.Components;
using WasmCloud.Components.Types;

namespace WasmCloud.Wrpc.Encoding;

/// <summary>
/// One function's parameters and result in wRPC's encoding, both ways: the caller encodes parameters and decodes the
/// result, the server decodes parameters and encodes the result. The types are read off the function type once.
/// </summary>
public sealed class FunctionCodec
{
    public FunctionCodec(FuncType type)
    {
        Type = type;
        ParameterTypes = type.Parameters.Select(p => p.Type).ToArray();
        ResultTypes = type.Result is { } result ? [result] : [];
    }

    public FuncType Type { get; }
    public ValType[] ParameterTypes { get; }
    public ValType[] ResultTypes { get; }

    /// <summary>The parameters' bytes; a value of the wrong type is an <see cref="ArgumentException"/> naming where.</summary>
    public byte[] EncodeParameters(IReadOnlyList<ComponentValue> args) => Encode(ParameterTypes, args);

    /// <summary>The parameters; bytes that are not a whole encoding of them are a <see cref="WrpcDecodeException"/>.</summary>
    public ComponentValue[] DecodeParameters(ReadOnlyMemory<byte> bytes) => ValueDecoder.ReadTuple(bytes.Span, ParameterTypes);

    public byte[] EncodeResult(ComponentValue? result) => Encode(ResultTypes, result is null ? [] : [result]);

    /// <summary>The result (an empty array for a function without one); bytes that are not a whole encoding of it are a <see cref="WrpcDecodeException"/>.</summary>
    public ComponentValue[] DecodeResult(ReadOnlyMemory<byte> bytes) => ValueDecoder.ReadTuple(bytes.Span, ResultTypes);

    private static byte[] Encode(ValType[] types, IReadOnlyList<ComponentValue> values)
    {
        var output = new ArrayBufferWriter<byte>();
        ValueEncoder.WriteTuple(output, types, values);
        return output.WrittenSpan.ToArray();
    }
}
