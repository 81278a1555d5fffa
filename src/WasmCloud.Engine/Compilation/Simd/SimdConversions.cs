using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Conversions between lane types: saturating narrowing, saturating float-to-int truncation (NaN gives 0),
/// int-to-float conversion, and float demotion and promotion. Float-to-int conversions only ever see
/// values already clamped into range, so they do not depend on how the hardware treats the rest.
/// </summary>
internal static class SimdConversions
{
    [SimdOpcode(0x65), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16NarrowI16x8S(V128 a, V128 b) => Vector128.NarrowWithSaturation(a.AsInt16(), b.AsInt16()).AsByte();

    // The source lanes are signed: clamp negatives to zero before an unsigned saturating narrow.
    [SimdOpcode(0x66), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16NarrowI16x8U(V128 a, V128 b)
    {
        if (Sse2.IsSupported) return Sse2.PackUnsignedSaturate(a.AsInt16(), b.AsInt16());
        var zero = Vector128<short>.Zero;
        return Vector128.NarrowWithSaturation(Vector128.Max(a.AsInt16(), zero).AsUInt16(), Vector128.Max(b.AsInt16(), zero).AsUInt16());
    }

    [SimdOpcode(0x85), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8NarrowI32x4S(V128 a, V128 b) => Vector128.NarrowWithSaturation(a.AsInt32(), b.AsInt32()).AsByte();

    [SimdOpcode(0x86), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8NarrowI32x4U(V128 a, V128 b)
    {
        if (Sse41.IsSupported) return Sse41.PackUnsignedSaturate(a.AsInt32(), b.AsInt32()).AsByte();
        var zero = Vector128<int>.Zero;
        return Vector128.NarrowWithSaturation(Vector128.Max(a.AsInt32(), zero).AsUInt32(), Vector128.Max(b.AsInt32(), zero).AsUInt32()).AsByte();
    }

    [SimdOpcode(0xF8), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4TruncSatF32x4S(V128 v)
    {
        var x = v.AsSingle();
        var notNaN = Vector128.ConditionalSelect(Vector128.Equals(x, x), x, Vector128<float>.Zero);
        // 2147483520 is the largest float below 2^31.
        var clamped = Vector128.Min(Vector128.Max(notNaN, Vector128.Create(-2147483648f)), Vector128.Create(2147483520f));
        var truncated = Vector128.ConvertToInt32(clamped);
        var tooLarge = Vector128.GreaterThanOrEqual(x, Vector128.Create(2147483648f)).AsInt32();
        return Vector128.ConditionalSelect(tooLarge, Vector128.Create(int.MaxValue), truncated).AsByte();
    }

    [SimdOpcode(0xF9), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4TruncSatF32x4U(V128 v)
    {
        var x = v.AsSingle();
        // NaN and negative lanes become 0; 4294967040 is the largest float below 2^32.
        var positive = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, Vector128<float>.Zero);
        var clamped = Vector128.Min(positive, Vector128.Create(4294967040f));
        // Lanes of 2^31 and above convert as signed after subtracting 2^31 (exact), which is added back as the top bit.
        var twoTo31 = Vector128.Create(2147483648f);
        var high = Vector128.GreaterThanOrEqual(clamped, twoTo31);
        var low = Vector128.ConvertToInt32(Vector128.ConditionalSelect(high, clamped - twoTo31, clamped)).AsUInt32();
        var truncated = low + (high.AsUInt32() & Vector128.Create(0x80000000u));
        var tooLarge = Vector128.GreaterThanOrEqual(x, Vector128.Create(4294967296f)).AsUInt32();
        return (truncated | tooLarge).AsByte();
    }

    [SimdOpcode(0xFA), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4ConvertI32x4S(V128 v) => Vector128.ConvertToSingle(v.AsInt32()).AsByte();

    // Both 16-bit halves convert exactly and the scaling by 2^16 is exact, so the final add is the only rounding.
    [SimdOpcode(0xFB), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4ConvertI32x4U(V128 v)
    {
        var x = v.AsUInt32();
        var high = Vector128.ConvertToSingle((x >>> 16).AsInt32());
        var low = Vector128.ConvertToSingle((x & Vector128.Create(0xFFFFu)).AsInt32());
        return (high * Vector128.Create(65536f) + low).AsByte();
    }

    [SimdOpcode(0xFC), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4TruncSatF64x2SZero(V128 v)
    {
        var x = v.AsDouble();
        var notNaN = Vector128.ConditionalSelect(Vector128.Equals(x, x), x, Vector128<double>.Zero);
        var clamped = Vector128.Min(Vector128.Max(notNaN, Vector128.Create(-2147483648d)), Vector128.Create(2147483647d));
        return Vector128.Narrow(Vector128.ConvertToInt64(clamped), Vector128<long>.Zero).AsByte();
    }

    [SimdOpcode(0xFD), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4TruncSatF64x2UZero(V128 v)
    {
        var x = v.AsDouble();
        var positive = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<double>.Zero), x, Vector128<double>.Zero);
        var clamped = Vector128.Min(positive, Vector128.Create(4294967295d));
        return Vector128.Narrow(Vector128.ConvertToInt64(clamped).AsUInt64(), Vector128<ulong>.Zero).AsByte();
    }

    [SimdOpcode(0xFE), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2ConvertLowI32x4S(V128 v) => Vector128.ConvertToDouble(Vector128.WidenLower(v.AsInt32())).AsByte();

    [SimdOpcode(0xFF), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2ConvertLowI32x4U(V128 v) => Vector128.ConvertToDouble(Vector128.WidenLower(v.AsUInt32()).AsInt64()).AsByte();

    [SimdOpcode(0x5E), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4DemoteF64x2Zero(V128 v) => Vector128.Narrow(v.AsDouble(), Vector128<double>.Zero).AsByte();

    /// <summary>Demotion out of line, for a demotion of a promotion, which the JIT would otherwise cancel.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static V128 F32x4DemoteF64x2ZeroOpaque(V128 v) => F32x4DemoteF64x2Zero(v);

    [SimdOpcode(0x5F), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2PromoteLowF32x4(V128 v) => Vector128.WidenLower(v.AsSingle()).AsByte();
}
