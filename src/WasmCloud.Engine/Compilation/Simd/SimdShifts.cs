using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmCloud.Wasm.Compilation;

/// <summary>Lane-wise shifts by a scalar count, which Wasm takes modulo the lane width.</summary>
internal static class SimdShifts
{
    [SimdOpcode(0x6B, typeof(byte)), SimdOpcode(0x8B, typeof(ushort)), SimdOpcode(0xAB, typeof(uint)), SimdOpcode(0xCB, typeof(ulong))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 ShiftLeft<T>(V128 v, int count) => (v.As<byte, T>() << (count & LaneBitsMask<T>())).AsByte();

    [SimdOpcode(0x6C, typeof(sbyte)), SimdOpcode(0x8C, typeof(short)), SimdOpcode(0xAC, typeof(int)), SimdOpcode(0xCC, typeof(long))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 ShiftRightArithmetic<T>(V128 v, int count) => (v.As<byte, T>() >> (count & LaneBitsMask<T>())).AsByte();

    [SimdOpcode(0x6D, typeof(byte)), SimdOpcode(0x8D, typeof(ushort)), SimdOpcode(0xAD, typeof(uint)), SimdOpcode(0xCD, typeof(ulong))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 ShiftRightLogical<T>(V128 v, int count) => (v.As<byte, T>() >>> (count & LaneBitsMask<T>())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LaneBitsMask<T>() => Unsafe.SizeOf<T>() * 8 - 1;
}
