using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmCloud.Wasm.Compilation;

/// <summary>Constants, shuffles, splats and single-lane access. Lane indices arrive as IL constants, so the JIT folds them.</summary>
internal static class SimdLanes
{
    [SimdOpcode(0x0C), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Constant(long low, long high) => Vector128.Create(low, high).AsByte();

    /// <summary>Kept out of line so that the JIT cannot fold (and thereby quiet) a signalling NaN constant.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static V128 ConstantOpaque(long low, long high) => Constant(low, high);

    // Vector128.Shuffle yields 0 for an index of 16 or more, so each source contributes exactly its own lanes
    // (for lanes of the first source, index - 16 wraps round to 240 and above).
    [SimdOpcode(0x0D), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Shuffle(V128 a, V128 b, V128 lanes) =>
        Vector128.Shuffle(a, lanes) | Vector128.Shuffle(b, lanes - Vector128.Create((byte)16));

    [SimdOpcode(0x0E), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Swizzle(V128 a, V128 lanes) => Vector128.Shuffle(a, lanes);

    [SimdOpcode(0x0F), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Splat(int x) => Vector128.Create((byte)x);

    [SimdOpcode(0x10), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Splat(int x) => Vector128.Create((short)x).AsByte();

    [SimdOpcode(0x11), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4Splat(int x) => Vector128.Create(x).AsByte();

    [SimdOpcode(0x12), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2Splat(long x) => Vector128.Create(x).AsByte();

    [SimdOpcode(0x13), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Splat(float x) => Vector128.Create(x).AsByte();

    [SimdOpcode(0x14), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Splat(double x) => Vector128.Create(x).AsByte();

    [SimdOpcode(0x15), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneS(V128 v, int lane) => v.AsSByte().GetElement(lane);

    [SimdOpcode(0x16), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneU(V128 v, int lane) => v.GetElement(lane);

    [SimdOpcode(0x17), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16ReplaceLane(V128 v, int x, int lane) => v.WithElement(lane, (byte)x);

    [SimdOpcode(0x18), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneS(V128 v, int lane) => v.AsInt16().GetElement(lane);

    [SimdOpcode(0x19), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneU(V128 v, int lane) => v.AsUInt16().GetElement(lane);

    [SimdOpcode(0x1A), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ReplaceLane(V128 v, int x, int lane) => v.AsInt16().WithElement(lane, (short)x).AsByte();

    [SimdOpcode(0x1B), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32x4ExtractLane(V128 v, int lane) => v.AsInt32().GetElement(lane);

    [SimdOpcode(0x1C), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ReplaceLane(V128 v, int x, int lane) => v.AsInt32().WithElement(lane, x).AsByte();

    [SimdOpcode(0x1D), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64x2ExtractLane(V128 v, int lane) => v.AsInt64().GetElement(lane);

    [SimdOpcode(0x1E), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ReplaceLane(V128 v, long x, int lane) => v.AsInt64().WithElement(lane, x).AsByte();

    [SimdOpcode(0x1F), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32x4ExtractLane(V128 v, int lane) => v.AsSingle().GetElement(lane);

    [SimdOpcode(0x20), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4ReplaceLane(V128 v, float x, int lane) => v.AsSingle().WithElement(lane, x).AsByte();

    [SimdOpcode(0x21), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64x2ExtractLane(V128 v, int lane) => v.AsDouble().GetElement(lane);

    [SimdOpcode(0x22), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2ReplaceLane(V128 v, double x, int lane) => v.AsDouble().WithElement(lane, x).AsByte();
}
