using System.Buffers.Binary;
using WasmCloud.Components.Format;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;
using CoreValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Components.Abi;

/// <summary>Lifting: core values and linear memory → <see cref="ComponentValue"/> (<c>lift_flat</c> and <c>load</c>).</summary>
internal static class ValueLifter
{
    /// <summary><c>lift_flat_values</c>: from flat values, or through a pointer when they exceed <paramref name="maxFlat"/>.</summary>
    public static ComponentValue[] LiftValues(CallContext cx, int maxFlat, ReadOnlySpan<Value> flat, IReadOnlyList<ValType> types)
    {
        if (CanonicalLayout.FlatCount(types) > maxFlat)
        {
            var pointer = (uint)flat[0].AsI32();
            cx.CheckRange(pointer, CanonicalLayout.TupleSize(types), CanonicalLayout.TupleAlignment(types), "tuple pointer");
            return LoadElements(cx, pointer, types);
        }
        var values = new ComponentValue[types.Count];
        var reader = new FlatReader(flat.ToArray());
        for (var i = 0; i < values.Length; i++) values[i] = LiftFlat(cx, ref reader, types[i]);
        return values;
    }

    private struct FlatReader(Value[] values)
    {
        private int _next;
        public Value Next() => values[_next++];
    }

    private static ComponentValue LiftFlat(CallContext cx, ref FlatReader r, ValType type)
    {
        switch (type)
        {
            case PrimitiveValType p:
                return p.Kind switch
                {
                    PrimitiveType.S64 or PrimitiveType.U64 => new IntegerValue(p.Kind, r.Next().AsI64()),
                    PrimitiveType.F32 => new F32Value(Canonical(r.Next().AsF32())),
                    PrimitiveType.F64 => new F64Value(Canonical(r.Next().AsF64())),
                    PrimitiveType.String => StringCodec.Load(cx, (uint)r.Next().AsI32(), (uint)r.Next().AsI32()),
                    _ => FromI32(cx, p.Kind, r.Next().AsI32()),
                };
            case ListType list:
                return LoadList(cx, (uint)r.Next().AsI32(), (uint)r.Next().AsI32(), list.Element);
            case RecordType record:
                var fields = new (string, ComponentValue)[record.Fields.Length];
                for (var i = 0; i < fields.Length; i++) fields[i] = (record.Fields[i].Name, LiftFlat(cx, ref r, record.Fields[i].Type));
                return new RecordValue(fields);
            case TupleType tuple:
                var elements = new ComponentValue[tuple.Elements.Length];
                for (var i = 0; i < elements.Length; i++) elements[i] = LiftFlat(cx, ref r, tuple.Elements[i]);
                return new TupleValue(elements);
            case FlagsType flags:
                return UnpackFlags((uint)r.Next().AsI32(), flags.Labels);
            case EnumType e:
                return new EnumValue(e.Labels[CheckCase((uint)r.Next().AsI32(), e.Labels.Length)]);
            case HandleType handle:
                return LiftHandle(cx, r.Next().AsI32(), handle);
            default:
                return LiftFlatVariant(cx, ref r, type);
        }
    }

    /// <summary>
    /// <c>lift_flat_variant</c>: the payload slots are the join of every case's flattening, so each is coerced
    /// back to the chosen case's own core type before lifting.
    /// </summary>
    private static ComponentValue LiftFlatVariant(CallContext cx, ref FlatReader r, ValType type)
    {
        var cases = CanonicalLayout.VariantCases(type)!;
        var joined = CanonicalLayout.Flat(type);
        var index = CheckCase((uint)r.Next().AsI32(), cases.Length);
        var payload = new Value[joined.Length - 1];
        for (var i = 0; i < payload.Length; i++) payload[i] = r.Next();
        var caseType = cases[index];
        ComponentValue? value = null;
        if (caseType is not null)
        {
            var wanted = CanonicalLayout.Flat(caseType);
            var coerced = new Value[wanted.Length];
            for (var i = 0; i < coerced.Length; i++) coerced[i] = Coerce(payload[i], wanted[i]);
            var inner = new FlatReader(coerced);
            value = LiftFlat(cx, ref inner, caseType);
        }
        return new VariantValue(CanonicalLayout.CaseNames(type)[index], value);
    }

    private static Value Coerce(Value have, CoreValueType want) => (have.Type, want) switch
    {
        (CoreValueType.I32, CoreValueType.F32) => Value.F32FromBits((uint)have.AsI32()),
        (CoreValueType.I64, CoreValueType.I32) => Value.I32((int)have.AsI64()),
        (CoreValueType.I64, CoreValueType.F32) => Value.F32FromBits((uint)have.AsI64()),
        (CoreValueType.I64, CoreValueType.F64) => Value.F64FromBits((ulong)have.AsI64()),
        _ => have,
    };

    /// <summary>Loads the elements of a tuple of <paramref name="types"/> at <paramref name="pointer"/>.</summary>
    private static ComponentValue[] LoadElements(CallContext cx, long pointer, IReadOnlyList<ValType> types)
    {
        var values = new ComponentValue[types.Count];
        var offset = pointer;
        for (var i = 0; i < values.Length; i++)
        {
            offset = CanonicalLayout.AlignTo((int)offset, CanonicalLayout.Alignment(types[i]));
            values[i] = Load(cx, offset, types[i]);
            offset += CanonicalLayout.Size(types[i]);
        }
        return values;
    }

    private static int CheckCase(uint index, int count) =>
        index < count ? (int)index : throw new ComponentTrap("invalid variant discriminant");

    private static ComponentValue FromI32(CallContext cx, PrimitiveType kind, int bits) => kind switch
    {
        PrimitiveType.Bool => new BoolValue(bits != 0),
        PrimitiveType.S8 => new IntegerValue(kind, (sbyte)bits),
        PrimitiveType.U8 => new IntegerValue(kind, (byte)bits),
        PrimitiveType.S16 => new IntegerValue(kind, (short)bits),
        PrimitiveType.U16 => new IntegerValue(kind, (ushort)bits),
        PrimitiveType.S32 => new IntegerValue(kind, bits),
        PrimitiveType.U32 => new IntegerValue(kind, (uint)bits),
        _ => new CharValue(CheckChar((uint)bits)),
    };

    private static int CheckChar(uint scalar) =>
        scalar >= 0x110000 || scalar is >= 0xD800 and <= 0xDFFF ? throw new ComponentTrap("invalid `char` bit pattern") : (int)scalar;

    /// <summary>NaNs cross the boundary as the one canonical NaN, so no payload bits leak between instances.</summary>
    public static float Canonical(float value) => float.IsNaN(value) ? BitConverter.Int32BitsToSingle(0x7fc00000) : value;
    public static double Canonical(double value) => double.IsNaN(value) ? BitConverter.Int64BitsToDouble(0x7ff8000000000000) : value;

    private static FlagsValue UnpackFlags(uint bits, string[] labels)
    {
        var set = new List<string>();
        for (var i = 0; i < labels.Length; i++)
            if ((bits & (1u << i)) != 0) set.Add(labels[i]);
        return new FlagsValue(set);
    }

    private static HandleValue LiftHandle(CallContext cx, int index, HandleType type)
    {
        var expected = cx.Resource(type.Resource);
        if (type.IsOwn)
        {
            var handle = cx.Instance.Handles.Remove(index);
            CheckType(handle, expected, index);
            if (handle.Lends != 0) throw new ComponentTrap("cannot remove owned resource while borrowed");
            if (!handle.Own) throw new ComponentTrap($"handle index {index} is a borrow, expected an owned handle");
            return new HandleValue(handle.Type, handle.Rep, IsOwn: true);
        }
        var borrowed = cx.Instance.Handles.Get(index);
        CheckType(borrowed, expected, index);
        cx.Scope.Lend(borrowed);
        return new HandleValue(borrowed.Type, borrowed.Rep, IsOwn: false);
    }

    public static void CheckType(ResourceHandle handle, ResourceType? expected, int index)
    {
        if (expected is not null && handle.Type != expected)
            throw new ComponentTrap($"handle index {index} used with the wrong type, expected {Describe(expected)} but found {Describe(handle.Type)}");
    }

    private static string Describe(ResourceType type) => type.Implementation is null ? "host-defined resource" : "guest-defined resource";

    /// <summary><c>load</c>: a value of <paramref name="type"/> stored at <paramref name="pointer"/>.</summary>
    public static ComponentValue Load(CallContext cx, long pointer, ValType type)
    {
        switch (type)
        {
            case PrimitiveValType p:
                return p.Kind switch
                {
                    PrimitiveType.Bool => new BoolValue(cx.Bytes(pointer, 1)[0] != 0),
                    PrimitiveType.S8 or PrimitiveType.U8 => FromI32(cx, p.Kind, cx.Bytes(pointer, 1)[0]),
                    PrimitiveType.S16 or PrimitiveType.U16 => FromI32(cx, p.Kind, BinaryPrimitives.ReadUInt16LittleEndian(cx.Bytes(pointer, 2))),
                    PrimitiveType.S64 or PrimitiveType.U64 => new IntegerValue(p.Kind, BinaryPrimitives.ReadInt64LittleEndian(cx.Bytes(pointer, 8))),
                    PrimitiveType.F32 => new F32Value(Canonical(BinaryPrimitives.ReadSingleLittleEndian(cx.Bytes(pointer, 4)))),
                    PrimitiveType.F64 => new F64Value(Canonical(BinaryPrimitives.ReadDoubleLittleEndian(cx.Bytes(pointer, 8)))),
                    PrimitiveType.String => StringCodec.Load(cx, ReadU32(cx, pointer), ReadU32(cx, pointer + 4)),
                    _ => FromI32(cx, p.Kind, (int)ReadU32(cx, pointer)),
                };
            case ListType list:
                return LoadList(cx, ReadU32(cx, pointer), ReadU32(cx, pointer + 4), list.Element);
            case RecordType record:
                var fields = new (string, ComponentValue)[record.Fields.Length];
                var offset = pointer;
                for (var i = 0; i < fields.Length; i++)
                {
                    var fieldType = record.Fields[i].Type;
                    offset = CanonicalLayout.AlignTo((int)offset, CanonicalLayout.Alignment(fieldType));
                    fields[i] = (record.Fields[i].Name, Load(cx, offset, fieldType));
                    offset += CanonicalLayout.Size(fieldType);
                }
                return new RecordValue(fields);
            case TupleType tuple:
                return new TupleValue(LoadElements(cx, pointer, tuple.Elements));
            case FlagsType flags:
                return UnpackFlags(ReadUnsigned(cx, pointer, CanonicalLayout.FlagsSize(flags.Labels.Length)), flags.Labels);
            case EnumType e:
                return new EnumValue(e.Labels[CheckCase(ReadUnsigned(cx, pointer, CanonicalLayout.DiscriminantSize(e.Labels.Length)), e.Labels.Length)]);
            case HandleType handle:
                return LiftHandle(cx, (int)ReadU32(cx, pointer), handle);
            default:
                var cases = CanonicalLayout.VariantCases(type)!;
                var index = CheckCase(ReadUnsigned(cx, pointer, CanonicalLayout.DiscriminantSize(cases.Length)), cases.Length);
                var payload = cases[index] is { } caseType ? Load(cx, pointer + CanonicalLayout.PayloadOffset(cases), caseType) : null;
                return new VariantValue(CanonicalLayout.CaseNames(type)[index], payload);
        }
    }

    private static uint ReadU32(CallContext cx, long pointer) => BinaryPrimitives.ReadUInt32LittleEndian(cx.Bytes(pointer, 4));

    private static uint ReadUnsigned(CallContext cx, long pointer, int size) => size switch
    {
        1 => cx.Bytes(pointer, 1)[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(cx.Bytes(pointer, 2)),
        _ => ReadU32(cx, pointer),
    };

    private static ListValue LoadList(CallContext cx, uint pointer, uint length, ValType element)
    {
        var size = CanonicalLayout.Size(element);
        cx.CheckRange(pointer, (long)length * size, CanonicalLayout.Alignment(element), "list pointer/length");
        var elements = new ComponentValue[length];
        for (var i = 0; i < elements.Length; i++) elements[i] = Load(cx, pointer + (long)i * size, element);
        return new ListValue(elements);
    }
}
