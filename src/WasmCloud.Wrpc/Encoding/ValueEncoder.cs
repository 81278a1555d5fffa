using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using WasmCloud.Components;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;

namespace WasmCloud.Wrpc.Encoding;

/// <summary>
/// Writes component values in wRPC's encoding (the component model's value definition encoding, as
/// wrpc-transport 0.15 writes it): no framing, fields in order, LEB128 lengths and case indexes, little-endian
/// floats, <c>list&lt;u8&gt;</c> as raw bytes, flags as ⌈n/8⌉ little-endian bytes. A value that does not have the
/// type it is written as is an <see cref="ArgumentException"/> naming where.
/// </summary>
public static class ValueEncoder
{
    /// <summary>Writes the values one after another, as a function's parameters (or results) are sent.</summary>
    public static void WriteTuple(IBufferWriter<byte> output, IReadOnlyList<ValType> types, IReadOnlyList<ComponentValue> values)
    {
        if (types.Count != values.Count) throw new ArgumentException($"{types.Count} values are wanted, {values.Count} were given");
        for (int i = 0; i < types.Count; i++) Write(output, types[i], values[i], $"[{i}]");
    }

    public static void Write(IBufferWriter<byte> output, ValType type, ComponentValue value, string path = "value")
    {
        switch (type, value)
        {
            case (PrimitiveValType p, _):
                WritePrimitive(output, p.Kind, value, path);
                break;
            case (ListType { Element: PrimitiveValType { Kind: PrimitiveType.U8 } }, ListValue bytes):
                Leb128.WriteUnsigned(output, (ulong)bytes.Elements.Count);
                var span = output.GetSpan(bytes.Elements.Count);
                for (int i = 0; i < bytes.Elements.Count; i++)
                    span[i] = bytes.Elements[i] is IntegerValue { Kind: PrimitiveType.U8 } b ? (byte)b.Bits : throw Mismatch(path, "u8", bytes.Elements[i]);
                output.Advance(bytes.Elements.Count);
                break;
            case (ListType list, ListValue items):
                Leb128.WriteUnsigned(output, (ulong)items.Elements.Count);
                for (int i = 0; i < items.Elements.Count; i++) Write(output, list.Element, items.Elements[i], $"{path}[{i}]");
                break;
            case (RecordType record, RecordValue fields):
                if (fields.Fields.Count != record.Fields.Length) throw Mismatch(path, $"a record of {record.Fields.Length} fields", value);
                for (int i = 0; i < record.Fields.Length; i++) Write(output, record.Fields[i].Type, fields.Fields[i].Value, $"{path}.{record.Fields[i].Name}");
                break;
            case (TupleType tuple, TupleValue elements):
                if (elements.Elements.Count != tuple.Elements.Length) throw Mismatch(path, $"a tuple of {tuple.Elements.Length}", value);
                for (int i = 0; i < tuple.Elements.Length; i++) Write(output, tuple.Elements[i], elements.Elements[i], $"{path}.{i}");
                break;
            case (VariantType or OptionType or ResultType, VariantValue chosen):
                WriteCase(output, type, chosen, path);
                break;
            case (EnumType enumeration, EnumValue chosen):
                var index = Array.IndexOf(enumeration.Labels, chosen.Case);
                if (index < 0) throw Mismatch(path, $"one of {string.Join(", ", enumeration.Labels)}", value);
                Leb128.WriteUnsigned(output, (ulong)index);
                break;
            case (FlagsType flags, FlagsValue set):
                var bits = output.GetSpan((flags.Labels.Length + 7) / 8)[..((flags.Labels.Length + 7) / 8)];
                bits.Clear();
                foreach (var label in set.Set)
                {
                    var bit = Array.IndexOf(flags.Labels, label);
                    if (bit < 0) throw Mismatch(path, $"flags of {string.Join(", ", flags.Labels)}", value);
                    bits[bit / 8] |= (byte)(1 << (bit % 8));
                }
                output.Advance(bits.Length);
                break;
            case (HandleType, _):
                throw new WrpcException($"{path}: resources do not cross wRPC (a handle cannot be sent to another host)");
            default:
                throw Mismatch(path, type.ToString(), value);
        }
    }

    private static void WriteCase(IBufferWriter<byte> output, ValType type, VariantValue chosen, string path)
    {
        var index = Cases.IndexOf(type, chosen.Case);
        if (index < 0) throw Mismatch(path, $"one of the cases {Cases.Names(type)}", chosen);
        Leb128.WriteUnsigned(output, (ulong)index);
        var payloadType = Cases.Payload(type, index);
        if (payloadType is null != chosen.Payload is null) throw Mismatch(path, payloadType is null ? $"case {chosen.Case} without a payload" : $"case {chosen.Case} with a payload", chosen);
        // A case's payload stays on its variant's index path (upstream adds no index for it).
        if (payloadType is not null) Write(output, payloadType, chosen.Payload!, path);
    }

    private static void WritePrimitive(IBufferWriter<byte> output, PrimitiveType kind, ComponentValue value, string path)
    {
        switch (kind, value)
        {
            case (PrimitiveType.Bool, BoolValue b):
                output.GetSpan(1)[0] = b.Value ? (byte)1 : (byte)0;
                output.Advance(1);
                break;
            case (PrimitiveType.U8 or PrimitiveType.S8, IntegerValue i) when i.Kind == kind:
                output.GetSpan(1)[0] = unchecked((byte)i.Bits);
                output.Advance(1);
                break;
            case (PrimitiveType.U16 or PrimitiveType.U32 or PrimitiveType.U64, IntegerValue i) when i.Kind == kind:
                Leb128.WriteUnsigned(output, unchecked((ulong)i.Bits));
                break;
            case (PrimitiveType.S16 or PrimitiveType.S32 or PrimitiveType.S64, IntegerValue i) when i.Kind == kind:
                Leb128.WriteSigned(output, i.Bits);
                break;
            case (PrimitiveType.F32, F32Value f):
                BinaryPrimitives.WriteSingleLittleEndian(output.GetSpan(4), f.Value);
                output.Advance(4);
                break;
            case (PrimitiveType.F64, F64Value f):
                BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), f.Value);
                output.Advance(8);
                break;
            case (PrimitiveType.Char, CharValue c):
                output.Advance(new Rune(c.Scalar).EncodeToUtf8(output.GetSpan(4)));
                break;
            case (PrimitiveType.String, StringValue s):
                WriteText(output, s.Value);
                break;
            default:
                throw Mismatch(path, kind.ToString().ToLowerInvariant(), value);
        }
    }

    /// <summary>A <c>string</c>: its UTF-8 length, then its bytes.</summary>
    public static void WriteText(IBufferWriter<byte> output, string value)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(value);
        Leb128.WriteUnsigned(output, (ulong)length);
        output.Advance(System.Text.Encoding.UTF8.GetBytes(value, output.GetSpan(length)));
    }

    /// <summary>A <c>list&lt;u8&gt;</c>: its length, then the bytes.</summary>
    public static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        Leb128.WriteUnsigned(output, (ulong)bytes.Length);
        output.Write(bytes);
    }

    private static ArgumentException Mismatch(string path, string wanted, ComponentValue got) => new($"{path}: {wanted} is wanted, not {got}");
}
