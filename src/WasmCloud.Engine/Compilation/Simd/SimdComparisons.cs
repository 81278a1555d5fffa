using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Lane-wise comparisons giving all-ones or all-zeros lanes. Float comparisons are ordered (false when a
/// lane is NaN) except <c>ne</c>, which is true there: exactly the IEEE predicates Vector128 implements.
/// </summary>
internal static class SimdComparisons
{
    [SimdOpcode(0x23, typeof(byte)), SimdOpcode(0x2D, typeof(ushort)), SimdOpcode(0x37, typeof(uint)), SimdOpcode(0xD6, typeof(ulong))]
    [SimdOpcode(0x41, typeof(float)), SimdOpcode(0x47, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Equal<T>(V128 a, V128 b) => Vector128.Equals(a.As<byte, T>(), b.As<byte, T>()).AsByte();

    [SimdOpcode(0x24, typeof(byte)), SimdOpcode(0x2E, typeof(ushort)), SimdOpcode(0x38, typeof(uint)), SimdOpcode(0xD7, typeof(ulong))]
    [SimdOpcode(0x42, typeof(float)), SimdOpcode(0x48, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 NotEqual<T>(V128 a, V128 b) => ~Vector128.Equals(a.As<byte, T>(), b.As<byte, T>()).AsByte();

    [SimdOpcode(0x25, typeof(sbyte)), SimdOpcode(0x26, typeof(byte)), SimdOpcode(0x2F, typeof(short)), SimdOpcode(0x30, typeof(ushort))]
    [SimdOpcode(0x39, typeof(int)), SimdOpcode(0x3A, typeof(uint)), SimdOpcode(0xD8, typeof(long))]
    [SimdOpcode(0x43, typeof(float)), SimdOpcode(0x49, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LessThan<T>(V128 a, V128 b) => Vector128.LessThan(a.As<byte, T>(), b.As<byte, T>()).AsByte();

    [SimdOpcode(0x27, typeof(sbyte)), SimdOpcode(0x28, typeof(byte)), SimdOpcode(0x31, typeof(short)), SimdOpcode(0x32, typeof(ushort))]
    [SimdOpcode(0x3B, typeof(int)), SimdOpcode(0x3C, typeof(uint)), SimdOpcode(0xD9, typeof(long))]
    [SimdOpcode(0x44, typeof(float)), SimdOpcode(0x4A, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 GreaterThan<T>(V128 a, V128 b) => Vector128.GreaterThan(a.As<byte, T>(), b.As<byte, T>()).AsByte();

    [SimdOpcode(0x29, typeof(sbyte)), SimdOpcode(0x2A, typeof(byte)), SimdOpcode(0x33, typeof(short)), SimdOpcode(0x34, typeof(ushort))]
    [SimdOpcode(0x3D, typeof(int)), SimdOpcode(0x3E, typeof(uint)), SimdOpcode(0xDA, typeof(long))]
    [SimdOpcode(0x45, typeof(float)), SimdOpcode(0x4B, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LessThanOrEqual<T>(V128 a, V128 b) => Vector128.LessThanOrEqual(a.As<byte, T>(), b.As<byte, T>()).AsByte();

    [SimdOpcode(0x2B, typeof(sbyte)), SimdOpcode(0x2C, typeof(byte)), SimdOpcode(0x35, typeof(short)), SimdOpcode(0x36, typeof(ushort))]
    [SimdOpcode(0x3F, typeof(int)), SimdOpcode(0x40, typeof(uint)), SimdOpcode(0xDB, typeof(long))]
    [SimdOpcode(0x46, typeof(float)), SimdOpcode(0x4C, typeof(double))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 GreaterThanOrEqual<T>(V128 a, V128 b) => Vector128.GreaterThanOrEqual(a.As<byte, T>(), b.As<byte, T>()).AsByte();
}
