using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Loads and stores of v128 and its lanes, given an address compiled code has already bounds-checked
/// for the access's width. Wasm memory is unaligned and little-endian, like the .NET targets.
/// </summary>
internal static unsafe class SimdMemory
{
    [SimdOpcode(0x00), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Load(byte* address) => Unsafe.ReadUnaligned<V128>(address);

    [SimdOpcode(0x01), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Load8x8S(byte* address) => Vector128.WidenLower(Low64(address).AsSByte()).AsByte();

    [SimdOpcode(0x02), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Load8x8U(byte* address) => Vector128.WidenLower(Low64(address)).AsByte();

    [SimdOpcode(0x03), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Load16x4S(byte* address) => Vector128.WidenLower(Low64(address).AsInt16()).AsByte();

    [SimdOpcode(0x04), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Load16x4U(byte* address) => Vector128.WidenLower(Low64(address).AsUInt16()).AsByte();

    [SimdOpcode(0x05), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Load32x2S(byte* address) => Vector128.WidenLower(Low64(address).AsInt32()).AsByte();

    [SimdOpcode(0x06), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Load32x2U(byte* address) => Vector128.WidenLower(Low64(address).AsUInt32()).AsByte();

    [SimdOpcode(0x07, typeof(byte)), SimdOpcode(0x08, typeof(ushort)), SimdOpcode(0x09, typeof(uint)), SimdOpcode(0x0A, typeof(ulong))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadSplat<T>(byte* address) where T : unmanaged => Vector128.Create(Unsafe.ReadUnaligned<T>(address)).AsByte();

    [SimdOpcode(0x0B), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(byte* address, V128 value) => Unsafe.WriteUnaligned(address, value);

    [SimdOpcode(0x54, typeof(byte)), SimdOpcode(0x55, typeof(ushort)), SimdOpcode(0x56, typeof(uint)), SimdOpcode(0x57, typeof(ulong))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadLane<T>(byte* address, V128 v, int lane) where T : unmanaged =>
        v.As<byte, T>().WithElement(lane, Unsafe.ReadUnaligned<T>(address)).AsByte();

    [SimdOpcode(0x58, typeof(byte)), SimdOpcode(0x59, typeof(ushort)), SimdOpcode(0x5A, typeof(uint)), SimdOpcode(0x5B, typeof(ulong))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLane<T>(byte* address, V128 v, int lane) where T : unmanaged =>
        Unsafe.WriteUnaligned(address, v.As<byte, T>().GetElement(lane));

    [SimdOpcode(0x5C, typeof(uint)), SimdOpcode(0x5D, typeof(ulong))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadZero<T>(byte* address) where T : unmanaged => Vector128.CreateScalar(Unsafe.ReadUnaligned<T>(address)).AsByte();

    /// <summary>The 8 bytes at the address in the low half; the widening loads read only that half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V128 Low64(byte* address) => Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(address)).AsByte();
}
