namespace WasmCloud.Wasm.Format;

/// <summary>
/// The operand and result types of the numeric instructions (0x45–0xC4 and the saturating
/// truncations 0xFC00–0xFC07), whose typing depends on the opcode alone.
/// </summary>
public static class NumericOps
{
    public readonly record struct Signature(ValueType Operand1, ValueType? Operand2, ValueType Result)
    {
        public int Arity => Operand2 is null ? 1 : 2;
    }

    private static readonly Signature?[] SingleByte = Build();
    private static readonly Signature[] Saturating =
    [
        new(ValueType.F32, null, ValueType.I32), new(ValueType.F32, null, ValueType.I32),
        new(ValueType.F64, null, ValueType.I32), new(ValueType.F64, null, ValueType.I32),
        new(ValueType.F32, null, ValueType.I64), new(ValueType.F32, null, ValueType.I64),
        new(ValueType.F64, null, ValueType.I64), new(ValueType.F64, null, ValueType.I64),
    ];

    /// <summary>The signature of a numeric opcode, or null when the opcode is not a numeric instruction.</summary>
    public static Signature? Of(ushort opcode)
    {
        if (opcode < SingleByte.Length) return SingleByte[opcode];
        if (opcode is >= 0xFC00 and <= 0xFC07) return Saturating[opcode - 0xFC00];
        return null;
    }

    private static Signature?[] Build()
    {
        var table = new Signature?[0xC5];
        void Range(int first, int last, ValueType a, ValueType? b, ValueType r)
        {
            for (var op = first; op <= last; op++) table[op] = new Signature(a, b, r);
        }

        const ValueType i32 = ValueType.I32, i64 = ValueType.I64, f32 = ValueType.F32, f64 = ValueType.F64;
        Range(0x45, 0x45, i32, null, i32);
        Range(0x46, 0x4F, i32, i32, i32);
        Range(0x50, 0x50, i64, null, i32);
        Range(0x51, 0x5A, i64, i64, i32);
        Range(0x5B, 0x60, f32, f32, i32);
        Range(0x61, 0x66, f64, f64, i32);
        Range(0x67, 0x69, i32, null, i32);
        Range(0x6A, 0x78, i32, i32, i32);
        Range(0x79, 0x7B, i64, null, i64);
        Range(0x7C, 0x8A, i64, i64, i64);
        Range(0x8B, 0x91, f32, null, f32);
        Range(0x92, 0x98, f32, f32, f32);
        Range(0x99, 0x9F, f64, null, f64);
        Range(0xA0, 0xA6, f64, f64, f64);
        Range(0xA7, 0xA7, i64, null, i32);
        Range(0xA8, 0xA9, f32, null, i32);
        Range(0xAA, 0xAB, f64, null, i32);
        Range(0xAC, 0xAD, i32, null, i64);
        Range(0xAE, 0xAF, f32, null, i64);
        Range(0xB0, 0xB1, f64, null, i64);
        Range(0xB2, 0xB3, i32, null, f32);
        Range(0xB4, 0xB5, i64, null, f32);
        Range(0xB6, 0xB6, f64, null, f32);
        Range(0xB7, 0xB8, i32, null, f64);
        Range(0xB9, 0xBA, i64, null, f64);
        Range(0xBB, 0xBB, f32, null, f64);
        Range(0xBC, 0xBC, f32, null, i32);
        Range(0xBD, 0xBD, f64, null, i64);
        Range(0xBE, 0xBE, i32, null, f32);
        Range(0xBF, 0xBF, i64, null, f64);
        Range(0xC0, 0xC1, i32, null, i32);
        Range(0xC2, 0xC4, i64, null, i64);
        return table;
    }
}
