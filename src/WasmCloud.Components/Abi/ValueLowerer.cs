using System.Buffers.Binary;
using WasmCloud.Components.Format;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;
using CoreValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Components.Abi;

/// <summary>Lowering: <see cref="ComponentValue"/> → core values and linear memory (<c>lower_flat</c> and <c>store</c>).</summary>
internal static class ValueLowerer
{
    /// <summary>
    /// <c>lower_flat_values</c>: flat values, or — beyond <paramref name="maxFlat"/> — a tuple in memory, at
    /// <paramref name="outPointer"/> when the caller supplied one, else at a fresh <c>realloc</c> allocation.
    /// </summary>
    public static List<Value> LowerValues(CallContext cx, int maxFlat, IReadOnlyList<ComponentValue> values, IReadOnlyList<ValType> types, uint? outPointer = null)
    {
        var flat = new List<Value>();
        if (CanonicalLayout.FlatCount(types) > maxFlat)
        {
            var size = CanonicalLayout.TupleSize(types);
            var alignment = CanonicalLayout.TupleAlignment(types);
            uint pointer;
            if (outPointer is { } given) pointer = given;
            else
            {
                pointer = cx.Allocate(alignment, (uint)size);
                flat.Add(Value.I32((int)pointer));
            }
            cx.CheckRange(pointer, size, alignment, "tuple pointer");
            if (values.Count != types.Count) throw new ComponentException($"expected {types.Count} values, not {values.Count}");
            StoreFields(cx, values.Zip(types), pointer);
            return flat;
        }
        for (var i = 0; i < values.Count; i++) LowerFlat(cx, values[i], types[i], flat);
        return flat;
    }

    private static void LowerFlat(CallContext cx, ComponentValue value, ValType type, List<Value> flat)
    {
        switch (type)
        {
            case PrimitiveValType p:
                switch (p.Kind)
                {
                    case PrimitiveType.S64 or PrimitiveType.U64: flat.Add(Value.I64(Integer(value, p.Kind))); break;
                    case PrimitiveType.F32: flat.Add(Value.F32(ValueLifter.Canonical(Expect<F32Value>(value, type).Value))); break;
                    case PrimitiveType.F64: flat.Add(Value.F64(ValueLifter.Canonical(Expect<F64Value>(value, type).Value))); break;
                    case PrimitiveType.String:
                        var (pointer, units) = StringCodec.Store(cx, Expect<StringValue>(value, type));
                        flat.Add(Value.I32((int)pointer));
                        flat.Add(Value.I32((int)units));
                        break;
                    default: flat.Add(Value.I32(ToI32(value, p.Kind))); break;
                }
                break;
            case ListType list:
                var (listPointer, length) = StoreList(cx, Expect<ListValue>(value, type), list.Element);
                flat.Add(Value.I32((int)listPointer));
                flat.Add(Value.I32((int)length));
                break;
            case RecordType record:
                var fields = Expect<RecordValue>(value, type);
                for (var i = 0; i < record.Fields.Length; i++) LowerFlat(cx, FieldOf(fields, record.Fields[i].Name), record.Fields[i].Type, flat);
                break;
            case TupleType tuple:
                var elements = Expect<TupleValue>(value, type).Elements;
                if (elements.Count != tuple.Elements.Length) throw new ComponentException($"expected a tuple of {tuple.Elements.Length} elements");
                for (var i = 0; i < elements.Count; i++) LowerFlat(cx, elements[i], tuple.Elements[i], flat);
                break;
            case FlagsType flags:
                flat.Add(Value.I32((int)PackFlags(Expect<FlagsValue>(value, type), flags.Labels)));
                break;
            case EnumType e:
                flat.Add(Value.I32(CaseIndex(e.Labels, Expect<EnumValue>(value, type).Case)));
                break;
            case HandleType handle:
                flat.Add(Value.I32(LowerHandle(cx, Expect<HandleValue>(value, type), handle)));
                break;
            default:
                LowerFlatVariant(cx, Expect<VariantValue>(value, type), type, flat);
                break;
        }
    }

    private static void LowerFlatVariant(CallContext cx, VariantValue value, ValType type, List<Value> flat)
    {
        var cases = CanonicalLayout.VariantCases(type)!;
        var index = CaseIndex(CanonicalLayout.CaseNames(type), value.Case);
        var joined = CanonicalLayout.Flat(type);
        flat.Add(Value.I32(index));
        var start = flat.Count;
        if (cases[index] is { } caseType)
        {
            if (value.Payload is null) throw new ComponentException($"case `{value.Case}` needs a payload");
            LowerFlat(cx, value.Payload, caseType, flat);
        }
        for (var i = start; i < flat.Count; i++) flat[i] = Widen(flat[i], joined[i - start + 1]);
        for (var i = flat.Count - start + 1; i < joined.Length; i++) flat.Add(Value.Default(joined[i]));
    }

    private static Value Widen(Value have, CoreValueType want) => (have.Type, want) switch
    {
        (CoreValueType.F32, CoreValueType.I32) => Value.I32((int)have.F32Bits),
        (CoreValueType.I32, CoreValueType.I64) => Value.I64((uint)have.AsI32()),
        (CoreValueType.F32, CoreValueType.I64) => Value.I64(have.F32Bits),
        (CoreValueType.F64, CoreValueType.I64) => Value.I64((long)have.F64Bits),
        _ => have,
    };

    private static int LowerHandle(CallContext cx, HandleValue value, HandleType type)
    {
        var resource = cx.Resource(type.Resource) ?? value.Type;
        if (value.Type != resource) throw new ComponentTrap($"handle of {value.Type} passed where {resource} was expected");
        if (type.IsOwn) return cx.Instance.Handles.Add(new ResourceHandle(resource, value.Rep, own: true, borrowScope: null));
        if (resource.Implementation == cx.Instance) return value.Rep;
        cx.Scope.Borrows++;
        return cx.Instance.Handles.Add(new ResourceHandle(resource, value.Rep, own: false, cx.Scope));
    }

    /// <summary><c>store</c>: writes a value of <paramref name="type"/> at <paramref name="pointer"/>.</summary>
    public static void Store(CallContext cx, ComponentValue value, ValType type, long pointer)
    {
        switch (type)
        {
            case PrimitiveValType p:
                switch (p.Kind)
                {
                    case PrimitiveType.Bool or PrimitiveType.S8 or PrimitiveType.U8: cx.Bytes(pointer, 1)[0] = (byte)ToI32(value, p.Kind); break;
                    case PrimitiveType.S16 or PrimitiveType.U16: BinaryPrimitives.WriteInt16LittleEndian(cx.Bytes(pointer, 2), (short)ToI32(value, p.Kind)); break;
                    case PrimitiveType.S64 or PrimitiveType.U64: BinaryPrimitives.WriteInt64LittleEndian(cx.Bytes(pointer, 8), Integer(value, p.Kind)); break;
                    case PrimitiveType.F32: BinaryPrimitives.WriteSingleLittleEndian(cx.Bytes(pointer, 4), ValueLifter.Canonical(Expect<F32Value>(value, type).Value)); break;
                    case PrimitiveType.F64: BinaryPrimitives.WriteDoubleLittleEndian(cx.Bytes(pointer, 8), ValueLifter.Canonical(Expect<F64Value>(value, type).Value)); break;
                    case PrimitiveType.String:
                        var (stringPointer, units) = StringCodec.Store(cx, Expect<StringValue>(value, type));
                        WriteU32(cx, pointer, stringPointer);
                        WriteU32(cx, pointer + 4, units);
                        break;
                    default: WriteU32(cx, pointer, (uint)ToI32(value, p.Kind)); break;
                }
                break;
            case ListType list:
                var (listPointer, length) = StoreList(cx, Expect<ListValue>(value, type), list.Element);
                WriteU32(cx, pointer, listPointer);
                WriteU32(cx, pointer + 4, length);
                break;
            case RecordType record:
                StoreFields(cx, record.Fields.Select(f => (FieldOf(Expect<RecordValue>(value, type), f.Name), f.Type)), pointer);
                break;
            case TupleType tuple:
                var elements = Expect<TupleValue>(value, type).Elements;
                if (elements.Count != tuple.Elements.Length) throw new ComponentException($"expected a tuple of {tuple.Elements.Length} elements");
                StoreFields(cx, elements.Zip(tuple.Elements), pointer);
                break;
            case FlagsType flags:
                WriteUnsigned(cx, pointer, CanonicalLayout.FlagsSize(flags.Labels.Length), PackFlags(Expect<FlagsValue>(value, type), flags.Labels));
                break;
            case EnumType e:
                WriteUnsigned(cx, pointer, CanonicalLayout.DiscriminantSize(e.Labels.Length), (uint)CaseIndex(e.Labels, Expect<EnumValue>(value, type).Case));
                break;
            case HandleType handle:
                WriteU32(cx, pointer, (uint)LowerHandle(cx, Expect<HandleValue>(value, type), handle));
                break;
            default:
                var variant = Expect<VariantValue>(value, type);
                var cases = CanonicalLayout.VariantCases(type)!;
                var index = CaseIndex(CanonicalLayout.CaseNames(type), variant.Case);
                WriteUnsigned(cx, pointer, CanonicalLayout.DiscriminantSize(cases.Length), (uint)index);
                if (cases[index] is { } caseType)
                    Store(cx, variant.Payload ?? throw new ComponentException($"case `{variant.Case}` needs a payload"), caseType, pointer + CanonicalLayout.PayloadOffset(cases));
                break;
        }
    }

    private static void StoreFields(CallContext cx, IEnumerable<(ComponentValue Value, ValType Type)> fields, long pointer)
    {
        foreach (var (value, type) in fields)
        {
            pointer = CanonicalLayout.AlignTo((int)pointer, CanonicalLayout.Alignment(type));
            Store(cx, value, type, pointer);
            pointer += CanonicalLayout.Size(type);
        }
    }

    private static (uint Pointer, uint Length) StoreList(CallContext cx, ListValue list, ValType element)
    {
        var size = CanonicalLayout.Size(element);
        var alignment = CanonicalLayout.Alignment(element);
        var byteLength = (long)list.Elements.Count * size;
        if (byteLength > uint.MaxValue) throw new ComponentTrap("list too large");
        var pointer = cx.Allocate(alignment, (uint)byteLength);
        for (var i = 0; i < list.Elements.Count; i++) Store(cx, list.Elements[i], element, pointer + (long)i * size);
        return (pointer, (uint)list.Elements.Count);
    }

    private static void WriteU32(CallContext cx, long pointer, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(cx.Bytes(pointer, 4), value);

    private static void WriteUnsigned(CallContext cx, long pointer, int size, uint value)
    {
        switch (size)
        {
            case 1: cx.Bytes(pointer, 1)[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(cx.Bytes(pointer, 2), (ushort)value); break;
            default: WriteU32(cx, pointer, value); break;
        }
    }

    private static T Expect<T>(ComponentValue value, ValType type) where T : ComponentValue =>
        value as T ?? throw new ComponentException($"expected a value of type {type}, got {value}");

    private static long Integer(ComponentValue value, PrimitiveType kind) =>
        value is IntegerValue integer && integer.Kind == kind ? integer.Bits : throw new ComponentException($"expected a {kind.ToString().ToLowerInvariant()}, got {value}");

    private static int ToI32(ComponentValue value, PrimitiveType kind) => kind switch
    {
        PrimitiveType.Bool => Expect<BoolValue>(value, ValType.Of(kind)).Value ? 1 : 0,
        PrimitiveType.Char => Expect<CharValue>(value, ValType.Of(kind)).Scalar,
        _ => (int)Integer(value, kind),
    };

    private static ComponentValue FieldOf(RecordValue record, string name)
    {
        foreach (var (fieldName, value) in record.Fields)
            if (fieldName == name) return value;
        throw new ComponentException($"record has no field `{name}`");
    }

    private static int CaseIndex(string[] names, string name)
    {
        var index = Array.IndexOf(names, name);
        return index >= 0 ? index : throw new ComponentException($"unknown case `{name}`");
    }

    private static uint PackFlags(FlagsValue flags, string[] labels)
    {
        uint bits = 0;
        foreach (var flag in flags.Set) bits |= 1u << CaseIndex(labels, flag);
        return bits;
    }
}
