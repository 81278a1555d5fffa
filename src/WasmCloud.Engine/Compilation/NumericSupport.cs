using System.Runtime.CompilerServices;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Numeric instructions whose Wasm semantics differ from the nearest CIL instruction: NaN and signed-zero
/// rules of min/max, bitwise sign operations that must not touch NaN payloads, checked and saturating
/// float-to-int truncation, and correctly rounded unsigned 64-bit conversions.
/// </summary>
internal static class NumericSupport
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemS(int a, int b) => b == -1 ? 0 : a % b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemS(long a, long b) => b == -1 ? 0 : a % b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Abs(float x) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) & int.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Neg(float x) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) ^ int.MinValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32CopySign(float x, float y) => BitConverter.Int32BitsToSingle(
        (BitConverter.SingleToInt32Bits(x) & int.MaxValue) | (BitConverter.SingleToInt32Bits(y) & int.MinValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Abs(double x) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & long.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Neg(double x) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) ^ long.MinValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64CopySign(double x, double y) => BitConverter.Int64BitsToDouble(
        (BitConverter.DoubleToInt64Bits(x) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(y) & long.MinValue));

    // A NaN operand makes the result NaN; adding the operands quiets a signalling one, as Wasm requires.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Min(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Max(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Min(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Max(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Nearest(float x) => MathF.Round(x, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Nearest(double x) => Math.Round(x, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float DemoteOpaque(double x) => (float)x;

    // NaN results of rounding must be quiet; the hardware instructions already guarantee it.

    private static WasmTrap InvalidConversion(double x) =>
        new(double.IsNaN(x) ? TrapKind.InvalidConversionToInteger : TrapKind.IntegerOverflow);

    public static int I32TruncF32S(float x) => x >= -2147483648f && x < 2147483648f ? (int)x : throw InvalidConversion(x);
    public static int I32TruncF32U(float x) => x > -1f && x < 4294967296f ? (int)(uint)x : throw InvalidConversion(x);
    public static int I32TruncF64S(double x) => x > -2147483649.0 && x < 2147483648.0 ? (int)x : throw InvalidConversion(x);
    public static int I32TruncF64U(double x) => x > -1.0 && x < 4294967296.0 ? (int)(uint)x : throw InvalidConversion(x);
    public static long I64TruncF32S(float x) => x >= -9223372036854775808f && x < 9223372036854775808f ? (long)x : throw InvalidConversion(x);
    public static long I64TruncF32U(float x) => x > -1f && x < 18446744073709551616f ? (long)(ulong)x : throw InvalidConversion(x);
    public static long I64TruncF64S(double x) => x >= -9223372036854775808.0 && x < 9223372036854775808.0 ? (long)x : throw InvalidConversion(x);
    public static long I64TruncF64U(double x) => x > -1.0 && x < 18446744073709551616.0 ? (long)(ulong)x : throw InvalidConversion(x);

    public static int I32TruncSatF32S(float x) => float.IsNaN(x) ? 0 : x <= -2147483648f ? int.MinValue : x >= 2147483648f ? int.MaxValue : (int)x;
    public static int I32TruncSatF32U(float x) => float.IsNaN(x) || x <= 0f ? 0 : x >= 4294967296f ? -1 : (int)(uint)x;
    public static int I32TruncSatF64S(double x) => double.IsNaN(x) ? 0 : x <= -2147483648.0 ? int.MinValue : x >= 2147483648.0 ? int.MaxValue : (int)x;
    public static int I32TruncSatF64U(double x) => double.IsNaN(x) || x <= 0.0 ? 0 : x >= 4294967296.0 ? -1 : (int)(uint)x;
    public static long I64TruncSatF32S(float x) => float.IsNaN(x) ? 0 : x <= -9223372036854775808f ? long.MinValue : x >= 9223372036854775808f ? long.MaxValue : (long)x;
    public static long I64TruncSatF32U(float x) => float.IsNaN(x) || x <= 0f ? 0 : x >= 18446744073709551616f ? -1 : (long)(ulong)x;
    public static long I64TruncSatF64S(double x) => double.IsNaN(x) ? 0 : x <= -9223372036854775808.0 ? long.MinValue : x >= 9223372036854775808.0 ? long.MaxValue : (long)x;
    public static long I64TruncSatF64U(double x) => double.IsNaN(x) || x <= 0.0 ? 0 : x >= 18446744073709551616.0 ? -1 : (long)(ulong)x;

    // Halving with the low bit kept ("round to odd") makes the final rounding the only one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64U(long value) =>
        value >= 0 ? value : (long)(((ulong)value >> 1) | ((ulong)value & 1)) * 2f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI64U(long value) =>
        value >= 0 ? value : (long)(((ulong)value >> 1) | ((ulong)value & 1)) * 2.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64S(long value) => value;
}
