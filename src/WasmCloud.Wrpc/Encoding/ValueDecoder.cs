using System.Buffers.Binary;
using System.Text;
using WasmCloud.Components;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;

namespace WasmCloud.Wrpc.Encoding;

/// <summary>
/// Reads component values from wRPC's encoding, checking as it goes: a payload that ends early, a case index
/// past the last case, a bool that is not 0 or 1, a char that is not a scalar value, invalid UTF-8, or a length
/// longer than what is left are each a <see cref="WrpcDecodeException"/> naming where in the value it happened.
/// Nothing is allocated ahead of the bytes that back it, so a hostile length cannot force a large allocation.
/// </summary>
public static class ValueDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a whole payload as the values of <paramref name="types"/>; bytes left over are an error.</summary>
    public static ComponentValue[] ReadTuple(ReadOnlySpan<byte> input, IReadOnlyList<ValType> types)
    {
        int position = 0;
        var values = new ComponentValue[types.Count];
        for (int i = 0; i < types.Count; i++) values[i] = Read(input, ref position, types[i], $"[{i}]");
        if (position != input.Length) throw new WrpcDecodeException($"{input.Length - position} bytes are left over after the last value");
        return values;
    }

    public static ComponentValue Read(ReadOnlySpan<byte> input, ref int position, ValType type, string path = "value")
    {
        switch (type)
        {
            case PrimitiveValType p:
                return ReadPrimitive(input, ref position, p.Kind, path);
            case ListType { Element: PrimitiveValType { Kind: PrimitiveType.U8 } }:
            {
                var count = Length(input, ref position, 1, path);
                var bytes = new ComponentValue[count];
                for (int i = 0; i < count; i++) bytes[i] = ComponentValue.U8(input[position + i]);
                position += count;
                return new ListValue(bytes);
            }
            case ListType list:
            {
                var count = Length(input, ref position, MinimumSize(list.Element), path);
                var items = new List<ComponentValue>(Math.Min(count, 1024));
                for (int i = 0; i < count; i++) items.Add(Read(input, ref position, list.Element, $"{path}[{i}]"));
                return new ListValue(items);
            }
            case RecordType record:
            {
                var fields = new (string, ComponentValue)[record.Fields.Length];
                for (int i = 0; i < fields.Length; i++) fields[i] = (record.Fields[i].Name, Read(input, ref position, record.Fields[i].Type, $"{path}.{record.Fields[i].Name}"));
                return new RecordValue(fields);
            }
            case TupleType tuple:
            {
                var elements = new ComponentValue[tuple.Elements.Length];
                for (int i = 0; i < elements.Length; i++) elements[i] = Read(input, ref position, tuple.Elements[i], $"{path}.{i}");
                return new TupleValue(elements);
            }
            case VariantType or OptionType or ResultType:
                return ReadCase(input, ref position, type, path);
            case EnumType enumeration:
            {
                var index = Leb128.ReadUnsigned(input, ref position, 32, path);
                return index < (ulong)enumeration.Labels.Length
                    ? new EnumValue(enumeration.Labels[index])
                    : throw new WrpcDecodeException($"{path}: case {index} is past the enum's {enumeration.Labels.Length} cases");
            }
            case FlagsType flags:
            {
                var size = (flags.Labels.Length + 7) / 8;
                var bits = Take(input, ref position, size, path);
                var set = new List<string>();
                for (int i = 0; i < flags.Labels.Length; i++)
                    if ((bits[i / 8] & (1 << (i % 8))) != 0) set.Add(flags.Labels[i]);
                if (flags.Labels.Length % 8 != 0 && size > 0 && bits[size - 1] >> (flags.Labels.Length % 8) != 0)
                    throw new WrpcDecodeException($"{path}: bits are set past the last of {flags.Labels.Length} flags");
                return new FlagsValue(set);
            }
            case HandleType:
                throw new WrpcDecodeException($"{path}: resources do not cross wRPC (a handle cannot be received from another host)");
            default:
                throw new WrpcDecodeException($"{path}: {type} cannot be decoded");
        }
    }

    private static VariantValue ReadCase(ReadOnlySpan<byte> input, ref int position, ValType type, string path)
    {
        var index = Leb128.ReadUnsigned(input, ref position, 32, path);
        var count = Cases.Count(type);
        if (index >= (ulong)count) throw new WrpcDecodeException($"{path}: case {index} is past the {count} cases ({Cases.Names(type)})");
        var payload = Cases.Payload(type, (int)index);
        return new VariantValue(Cases.Name(type, (int)index), payload is null ? null : Read(input, ref position, payload, path));
    }

    private static ComponentValue ReadPrimitive(ReadOnlySpan<byte> input, ref int position, PrimitiveType kind, string path)
    {
        switch (kind)
        {
            case PrimitiveType.Bool:
                return Take(input, ref position, 1, path)[0] switch
                {
                    0 => ComponentValue.Bool(false),
                    1 => ComponentValue.Bool(true),
                    var other => throw new WrpcDecodeException($"{path}: {other} is not a bool (0 or 1)"),
                };
            case PrimitiveType.U8: return ComponentValue.U8(Take(input, ref position, 1, path)[0]);
            case PrimitiveType.S8: return ComponentValue.S8(unchecked((sbyte)Take(input, ref position, 1, path)[0]));
            case PrimitiveType.U16: return ComponentValue.U16((ushort)Leb128.ReadUnsigned(input, ref position, 16, path));
            case PrimitiveType.U32: return ComponentValue.U32((uint)Leb128.ReadUnsigned(input, ref position, 32, path));
            case PrimitiveType.U64: return ComponentValue.U64(Leb128.ReadUnsigned(input, ref position, 64, path));
            case PrimitiveType.S16: return ComponentValue.S16((short)Leb128.ReadSigned(input, ref position, 16, path));
            case PrimitiveType.S32: return ComponentValue.S32((int)Leb128.ReadSigned(input, ref position, 32, path));
            case PrimitiveType.S64: return ComponentValue.S64(Leb128.ReadSigned(input, ref position, 64, path));
            case PrimitiveType.F32: return ComponentValue.F32(BinaryPrimitives.ReadSingleLittleEndian(Take(input, ref position, 4, path)));
            case PrimitiveType.F64: return ComponentValue.F64(BinaryPrimitives.ReadDoubleLittleEndian(Take(input, ref position, 8, path)));
            case PrimitiveType.Char:
            {
                if (position >= input.Length) throw new WrpcDecodeException($"{path}: the payload ends before the char");
                if (Rune.DecodeFromUtf8(input[position..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                    throw new WrpcDecodeException($"{path}: not a UTF-8 encoded char");
                position += consumed;
                return ComponentValue.Char(rune.Value);
            }
            case PrimitiveType.String:
                return ComponentValue.String(ReadText(input, ref position, path));
            default:
                throw new WrpcDecodeException($"{path}: {kind} cannot be decoded");
        }
    }

    /// <summary>A <c>string</c>: its length, then strict UTF-8.</summary>
    public static string ReadText(ReadOnlySpan<byte> input, ref int position, string path)
    {
        var bytes = ReadBytes(input, ref position, path);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new WrpcDecodeException($"{path}: the string is not valid UTF-8");
        }
    }

    /// <summary>A <c>list&lt;u8&gt;</c> as the bytes it holds, without a value per byte.</summary>
    public static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> input, ref int position, string path)
    {
        var length = Length(input, ref position, 1, path);
        var bytes = input.Slice(position, length);
        position += length;
        return bytes;
    }

    /// <summary>
    /// A length or count, checked against the bytes left (each element takes at least <paramref name="minimumSize"/>
    /// bytes); elements that take no bytes at all (empty records) are capped, so a count cannot make the decoder spin.
    /// </summary>
    private static int Length(ReadOnlySpan<byte> input, ref int position, int minimumSize, string path)
    {
        const ulong MaxEmptyElements = 1 << 16;
        var length = Leb128.ReadUnsigned(input, ref position, 32, path);
        if (minimumSize == 0 ? length > MaxEmptyElements : length * (ulong)minimumSize > (ulong)(input.Length - position))
            throw new WrpcDecodeException($"{path}: a length of {length} runs past the end of the payload");
        return (int)length;
    }

    /// <summary>The fewest bytes a value of the type can take.</summary>
    private static int MinimumSize(ValType type) => type switch
    {
        PrimitiveValType { Kind: PrimitiveType.F32 } => 4,
        PrimitiveValType { Kind: PrimitiveType.F64 } => 8,
        RecordType record => record.Fields.Sum(f => MinimumSize(f.Type)),
        TupleType tuple => tuple.Elements.Sum(MinimumSize),
        FlagsType flags => (flags.Labels.Length + 7) / 8,
        _ => 1,
    };

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> input, ref int position, int count, string path)
    {
        if (input.Length - position < count) throw new WrpcDecodeException($"{path}: the payload ends {count - (input.Length - position)} bytes early");
        var taken = input.Slice(position, count);
        position += count;
        return taken;
    }
}
