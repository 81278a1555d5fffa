using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Float operations whose Wasm semantics need care: sign operations that must not touch NaN payloads,
/// min/max that propagate NaN and order -0 below +0, and the pseudo min/max that are plain selects.
/// </summary>
internal static class SimdFloatArithmetic
{
    [SimdOpcode(0xE0), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Abs(V128 v) => Vector128.AndNot(v.AsSingle(), Vector128.Create(-0f)).AsByte();

    [SimdOpcode(0xE1), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Neg(V128 v) => (v.AsSingle() ^ Vector128.Create(-0f)).AsByte();

    [SimdOpcode(0xEC), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Abs(V128 v) => Vector128.AndNot(v.AsDouble(), Vector128.Create(-0d)).AsByte();

    [SimdOpcode(0xED), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Neg(V128 v) => (v.AsDouble() ^ Vector128.Create(-0d)).AsByte();

    [SimdOpcode(0x67), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Ceil(V128 v) => Vector128.Ceiling(v.AsSingle()).AsByte();

    [SimdOpcode(0x68), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Floor(V128 v) => Vector128.Floor(v.AsSingle()).AsByte();

    [SimdOpcode(0x69), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Trunc(V128 v) => Vector128.Truncate(v.AsSingle()).AsByte();

    // Vector128.Round without a mode rounds half to even (roundps/roundpd); the overload taking a mode is not accelerated.
    [SimdOpcode(0x6A), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Nearest(V128 v) => Vector128.Round(v.AsSingle()).AsByte();

    [SimdOpcode(0x74), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Ceil(V128 v) => Vector128.Ceiling(v.AsDouble()).AsByte();

    [SimdOpcode(0x75), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Floor(V128 v) => Vector128.Floor(v.AsDouble()).AsByte();

    [SimdOpcode(0x7A), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Trunc(V128 v) => Vector128.Truncate(v.AsDouble()).AsByte();

    [SimdOpcode(0x94), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Nearest(V128 v) => Vector128.Round(v.AsDouble()).AsByte();

    // Equal lanes may be -0 and +0: OR-ing them makes -0 the minimum. A NaN lane takes the sum of the
    // operands, which is NaN and quiet even when the NaN operand was signalling.
    [SimdOpcode(0xE8, typeof(float)), SimdOpcode(0xF4, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Min<T>(V128 a, V128 b)
    {
        var x = a.As<byte, T>();
        var y = b.As<byte, T>();
        var smaller = Vector128.ConditionalSelect(Vector128.LessThan(x, y), x, y);
        return PropagateNaN(x, y, Vector128.ConditionalSelect(Vector128.Equals(x, y), x | y, smaller));
    }

    // As Min, with AND making +0 the maximum of -0 and +0.
    [SimdOpcode(0xE9, typeof(float)), SimdOpcode(0xF5, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Max<T>(V128 a, V128 b)
    {
        var x = a.As<byte, T>();
        var y = b.As<byte, T>();
        var larger = Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), x, y);
        return PropagateNaN(x, y, Vector128.ConditionalSelect(Vector128.Equals(x, y), x & y, larger));
    }

    /// <summary><c>b &lt; a ? b : a</c> lane by lane: a NaN in either operand yields <c>a</c> unchanged.</summary>
    [SimdOpcode(0xEA, typeof(float)), SimdOpcode(0xF6, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 PseudoMin<T>(V128 a, V128 b)
    {
        var x = a.As<byte, T>();
        var y = b.As<byte, T>();
        return Vector128.ConditionalSelect(Vector128.LessThan(y, x), y, x).AsByte();
    }

    /// <summary><c>a &lt; b ? b : a</c> lane by lane.</summary>
    [SimdOpcode(0xEB, typeof(float)), SimdOpcode(0xF7, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 PseudoMax<T>(V128 a, V128 b)
    {
        var x = a.As<byte, T>();
        var y = b.As<byte, T>();
        return Vector128.ConditionalSelect(Vector128.LessThan(x, y), y, x).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V128 PropagateNaN<T>(Vector128<T> x, Vector128<T> y, Vector128<T> result)
    {
        var ordered = Vector128.Equals(x, x) & Vector128.Equals(y, y);
        return Vector128.ConditionalSelect(ordered, result, x + y).AsByte();
    }
}
