using System.Runtime.Intrinsics;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>A WebAssembly value of any type, for the dynamic calling API.</summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly long _bits;
    private readonly long _highBits; // the upper half of a v128; zero for every other type
    private readonly object? _reference;

    private Value(ValueType type, long bits, object? reference, long highBits = 0)
    {
        Type = type;
        _bits = bits;
        _highBits = highBits;
        _reference = reference;
    }

    public ValueType Type { get; }

    public static Value I32(int value) => new(ValueType.I32, (uint)value, null);
    public static Value I64(long value) => new(ValueType.I64, value, null);
    public static Value F32(float value) => new(ValueType.F32, (uint)BitConverter.SingleToInt32Bits(value), null);
    public static Value F64(double value) => new(ValueType.F64, BitConverter.DoubleToInt64Bits(value), null);
    public static Value F32FromBits(uint bits) => new(ValueType.F32, bits, null);
    public static Value F64FromBits(ulong bits) => new(ValueType.F64, (long)bits, null);

    public static Value V128(Vector128<byte> value)
    {
        var halves = value.AsInt64();
        return new(ValueType.V128, halves.GetElement(0), null, halves.GetElement(1));
    }

    public static Value FuncRef(Func? function) => new(ValueType.FuncRef, 0, function);
    public static Value ExternRef(object? reference) => new(ValueType.ExternRef, 0, reference);
    public static Value Null(ValueType referenceType) => new(referenceType, 0, null);

    /// <summary>The zero value of a type (what locals and new table slots start as).</summary>
    public static Value Default(ValueType type) => new(type, 0, null);

    public int AsI32() => (int)_bits;
    public long AsI64() => _bits;
    public float AsF32() => BitConverter.Int32BitsToSingle((int)_bits);
    public double AsF64() => BitConverter.Int64BitsToDouble(_bits);
    public Vector128<byte> AsV128() => Vector128.Create(_bits, _highBits).AsByte();
    public uint F32Bits => (uint)_bits;
    public ulong F64Bits => (ulong)_bits;
    public Func? AsFuncRef() => (Func?)_reference;
    public object? AsReference() => _reference;
    public bool IsNull => Type.IsReference() && _reference is null;

    /// <summary>The raw bits of a scalar numeric value (zero-extended for 32-bit types).</summary>
    internal long Bits => _bits;

    internal static Value FromBits(ValueType type, long bits, object? reference) =>
        type.IsReference() ? new(type, 0, reference) : new(type, type is ValueType.I32 or ValueType.F32 ? (uint)bits : bits, null);

    public bool Equals(Value other) =>
        Type == other.Type && _bits == other._bits && _highBits == other._highBits && ReferenceEquals(_reference, other._reference);
    public override bool Equals(object? obj) => obj is Value other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Type, _bits, _highBits, _reference);

    public override string ToString() => Type switch
    {
        ValueType.I32 => $"i32:{AsI32()}",
        ValueType.I64 => $"i64:{AsI64()}",
        ValueType.F32 => $"f32:{AsF32()}",
        ValueType.F64 => $"f64:{AsF64()}",
        ValueType.V128 => $"v128:0x{_highBits:x16}{_bits:x16}",
        _ => $"{Type.Name()}:{(_reference is null ? "null" : _reference.ToString())}",
    };
}
