using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmCloud.Wasm.Compilation;

/// <summary>Integer extension of the low or high half to lanes twice as wide, and the extending multiplies built on it.</summary>
internal static class SimdWidening
{
    [SimdOpcode(0x87), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtendLowS(V128 v) => Vector128.WidenLower(v.AsSByte()).AsByte();

    [SimdOpcode(0x88), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtendHighS(V128 v) => Vector128.WidenUpper(v.AsSByte()).AsByte();

    [SimdOpcode(0x89), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtendLowU(V128 v) => Vector128.WidenLower(v).AsByte();

    [SimdOpcode(0x8A), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtendHighU(V128 v) => Vector128.WidenUpper(v).AsByte();

    [SimdOpcode(0xA7), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtendLowS(V128 v) => Vector128.WidenLower(v.AsInt16()).AsByte();

    [SimdOpcode(0xA8), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtendHighS(V128 v) => Vector128.WidenUpper(v.AsInt16()).AsByte();

    [SimdOpcode(0xA9), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtendLowU(V128 v) => Vector128.WidenLower(v.AsUInt16()).AsByte();

    [SimdOpcode(0xAA), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtendHighU(V128 v) => Vector128.WidenUpper(v.AsUInt16()).AsByte();

    [SimdOpcode(0xC7), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtendLowS(V128 v) => Vector128.WidenLower(v.AsInt32()).AsByte();

    [SimdOpcode(0xC8), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtendHighS(V128 v) => Vector128.WidenUpper(v.AsInt32()).AsByte();

    [SimdOpcode(0xC9), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtendLowU(V128 v) => Vector128.WidenLower(v.AsUInt32()).AsByte();

    [SimdOpcode(0xCA), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtendHighU(V128 v) => Vector128.WidenUpper(v.AsUInt32()).AsByte();

    // The products of extended lanes always fit the wide lane, so a wrapping multiply is exact.
    [SimdOpcode(0x9C), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtMulLowS(V128 a, V128 b) => SimdArithmetic.Multiply<ushort>(I16x8ExtendLowS(a), I16x8ExtendLowS(b));

    [SimdOpcode(0x9D), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtMulHighS(V128 a, V128 b) => SimdArithmetic.Multiply<ushort>(I16x8ExtendHighS(a), I16x8ExtendHighS(b));

    [SimdOpcode(0x9E), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtMulLowU(V128 a, V128 b) => SimdArithmetic.Multiply<ushort>(I16x8ExtendLowU(a), I16x8ExtendLowU(b));

    [SimdOpcode(0x9F), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtMulHighU(V128 a, V128 b) => SimdArithmetic.Multiply<ushort>(I16x8ExtendHighU(a), I16x8ExtendHighU(b));

    [SimdOpcode(0xBC), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtMulLowS(V128 a, V128 b) => SimdArithmetic.Multiply<uint>(I32x4ExtendLowS(a), I32x4ExtendLowS(b));

    [SimdOpcode(0xBD), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtMulHighS(V128 a, V128 b) => SimdArithmetic.Multiply<uint>(I32x4ExtendHighS(a), I32x4ExtendHighS(b));

    [SimdOpcode(0xBE), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtMulLowU(V128 a, V128 b) => SimdArithmetic.Multiply<uint>(I32x4ExtendLowU(a), I32x4ExtendLowU(b));

    [SimdOpcode(0xBF), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtMulHighU(V128 a, V128 b) => SimdArithmetic.Multiply<uint>(I32x4ExtendHighU(a), I32x4ExtendHighU(b));

    [SimdOpcode(0xDC), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtMulLowS(V128 a, V128 b) => SimdArithmetic.Multiply<ulong>(I64x2ExtendLowS(a), I64x2ExtendLowS(b));

    [SimdOpcode(0xDD), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtMulHighS(V128 a, V128 b) => SimdArithmetic.Multiply<ulong>(I64x2ExtendHighS(a), I64x2ExtendHighS(b));

    [SimdOpcode(0xDE), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtMulLowU(V128 a, V128 b) => SimdArithmetic.Multiply<ulong>(I64x2ExtendLowU(a), I64x2ExtendLowU(b));

    [SimdOpcode(0xDF), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtMulHighU(V128 a, V128 b) => SimdArithmetic.Multiply<ulong>(I64x2ExtendHighU(a), I64x2ExtendHighU(b));
}
