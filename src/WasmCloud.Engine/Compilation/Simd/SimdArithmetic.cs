using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Lane-wise arithmetic: the wrapping and saturating integer operations, and the float operations whose
/// hardware result is already the Wasm one (add, sub, mul, div and sqrt produce quiet NaNs).
/// </summary>
internal static class SimdArithmetic
{
    [SimdOpcode(0x6E, typeof(byte)), SimdOpcode(0x8E, typeof(ushort)), SimdOpcode(0xAE, typeof(uint)), SimdOpcode(0xCE, typeof(ulong))]
    [SimdOpcode(0xE4, typeof(float)), SimdOpcode(0xF0, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Add<T>(V128 a, V128 b) => (a.As<byte, T>() + b.As<byte, T>()).AsByte();

    [SimdOpcode(0x71, typeof(byte)), SimdOpcode(0x91, typeof(ushort)), SimdOpcode(0xB1, typeof(uint)), SimdOpcode(0xD1, typeof(ulong))]
    [SimdOpcode(0xE5, typeof(float)), SimdOpcode(0xF1, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Subtract<T>(V128 a, V128 b) => (a.As<byte, T>() - b.As<byte, T>()).AsByte();

    [SimdOpcode(0x95, typeof(ushort)), SimdOpcode(0xB5, typeof(uint)), SimdOpcode(0xD5, typeof(ulong))]
    [SimdOpcode(0xE6, typeof(float)), SimdOpcode(0xF2, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Multiply<T>(V128 a, V128 b) => (a.As<byte, T>() * b.As<byte, T>()).AsByte();

    [SimdOpcode(0xE7, typeof(float)), SimdOpcode(0xF3, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Divide<T>(V128 a, V128 b) => (a.As<byte, T>() / b.As<byte, T>()).AsByte();

    [SimdOpcode(0xE3, typeof(float)), SimdOpcode(0xEF, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Sqrt<T>(V128 v) => Vector128.Sqrt(v.As<byte, T>()).AsByte();

    [SimdOpcode(0x61, typeof(byte)), SimdOpcode(0x81, typeof(ushort)), SimdOpcode(0xA1, typeof(uint)), SimdOpcode(0xC1, typeof(ulong))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Negate<T>(V128 v) => (Vector128<T>.Zero - v.As<byte, T>()).AsByte();

    // Written with a sign mask rather than Vector128.Abs, whose fallback throws for the most negative value.
    [SimdOpcode(0x60, typeof(sbyte)), SimdOpcode(0x80, typeof(short)), SimdOpcode(0xA0, typeof(int)), SimdOpcode(0xC0, typeof(long))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Abs<T>(V128 v)
    {
        var x = v.As<byte, T>();
        var negative = Vector128.LessThan(x, Vector128<T>.Zero);
        return ((x ^ negative) - negative).AsByte();
    }

    [SimdOpcode(0x6F, typeof(sbyte)), SimdOpcode(0x70, typeof(byte)), SimdOpcode(0x8F, typeof(short)), SimdOpcode(0x90, typeof(ushort))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 AddSaturate<T>(V128 a, V128 b) => Vector128.AddSaturate(a.As<byte, T>(), b.As<byte, T>()).AsByte();

    [SimdOpcode(0x72, typeof(sbyte)), SimdOpcode(0x73, typeof(byte)), SimdOpcode(0x92, typeof(short)), SimdOpcode(0x93, typeof(ushort))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 SubtractSaturate<T>(V128 a, V128 b) => Vector128.SubtractSaturate(a.As<byte, T>(), b.As<byte, T>()).AsByte();

    [SimdOpcode(0x76, typeof(sbyte)), SimdOpcode(0x77, typeof(byte)), SimdOpcode(0x96, typeof(short)), SimdOpcode(0x97, typeof(ushort))]
    [SimdOpcode(0xB6, typeof(int)), SimdOpcode(0xB7, typeof(uint))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Min<T>(V128 a, V128 b) => Vector128.Min(a.As<byte, T>(), b.As<byte, T>()).AsByte();

    [SimdOpcode(0x78, typeof(sbyte)), SimdOpcode(0x79, typeof(byte)), SimdOpcode(0x98, typeof(short)), SimdOpcode(0x99, typeof(ushort))]
    [SimdOpcode(0xB8, typeof(int)), SimdOpcode(0xB9, typeof(uint))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Max<T>(V128 a, V128 b) => Vector128.Max(a.As<byte, T>(), b.As<byte, T>()).AsByte();

    // (a + b + 1) / 2 without the carry out of the lane.
    [SimdOpcode(0x7B, typeof(byte)), SimdOpcode(0x9B, typeof(ushort))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 AverageRoundingUp<T>(V128 a, V128 b)
    {
        var x = a.As<byte, T>();
        var y = b.As<byte, T>();
        return ((x | y) - ((x ^ y) >>> 1)).AsByte();
    }

    [SimdOpcode(0x62), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Popcnt(V128 v)
    {
        v -= (v >>> 1) & Vector128.Create((byte)0x55);
        v = (v & Vector128.Create((byte)0x33)) + ((v >>> 2) & Vector128.Create((byte)0x33));
        return (v + (v >>> 4)) & Vector128.Create((byte)0x0F);
    }

    [SimdOpcode(0x82), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Q15MulrSatS(V128 a, V128 b)
    {
        if (Ssse3.IsSupported)
        {
            // pmulhrsw is (a*b + 0x4000) >> 15, except that the one overflowing case (-32768 squared) wraps to
            // -32768, a value no other operands produce.
            var product = Ssse3.MultiplyHighRoundScale(a.AsInt16(), b.AsInt16());
            return (product ^ Vector128.Equals(product, Vector128.Create(short.MinValue))).AsByte();
        }
        var low = Vector128.WidenLower(a.AsInt16()) * Vector128.WidenLower(b.AsInt16());
        var high = Vector128.WidenUpper(a.AsInt16()) * Vector128.WidenUpper(b.AsInt16());
        var rounding = Vector128.Create(0x4000);
        return Vector128.NarrowWithSaturation((low + rounding) >> 15, (high + rounding) >> 15).AsByte();
    }

    [SimdOpcode(0xBA), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4DotI16x8S(V128 a, V128 b)
    {
        if (Sse2.IsSupported) return Sse2.MultiplyAddAdjacent(a.AsInt16(), b.AsInt16()).AsByte();
        // Each i32 lane holds two i16 lanes: sign-extend each half and multiply-add.
        var x = a.AsInt32();
        var y = b.AsInt32();
        return (((x << 16) >> 16) * ((y << 16) >> 16) + (x >> 16) * (y >> 16)).AsByte();
    }

    // Each lane of the result holds the two narrow lanes it covers; extend both halves in place and add.
    [SimdOpcode(0x7C, typeof(short)), SimdOpcode(0x7E, typeof(int))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 ExtAddPairwiseS<T>(V128 v)
    {
        var x = v.As<byte, T>();
        var half = Unsafe.SizeOf<T>() * 4;
        return (((x << half) >> half) + (x >> half)).AsByte();
    }

    [SimdOpcode(0x7D, typeof(ushort)), SimdOpcode(0x7F, typeof(uint))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 ExtAddPairwiseU<T>(V128 v)
    {
        var x = v.As<byte, T>();
        var half = Unsafe.SizeOf<T>() * 4;
        return ((x & (Vector128<T>.AllBitsSet >>> half)) + (x >>> half)).AsByte();
    }
}
