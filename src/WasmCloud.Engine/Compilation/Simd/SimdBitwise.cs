using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmCloud.Wasm.Compilation;

/// <summary>The bitwise instructions and the reductions to i32 (any_true, all_true, bitmask).</summary>
internal static class SimdBitwise
{
    [SimdOpcode(0x4D), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Not(V128 v) => ~v;

    [SimdOpcode(0x4E), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 And(V128 a, V128 b) => a & b;

    [SimdOpcode(0x4F), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 AndNot(V128 a, V128 b) => Vector128.AndNot(a, b);

    [SimdOpcode(0x50), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Or(V128 a, V128 b) => a | b;

    [SimdOpcode(0x51), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 Xor(V128 a, V128 b) => a ^ b;

    [SimdOpcode(0x52), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 BitSelect(V128 a, V128 b, V128 mask) => Vector128.ConditionalSelect(mask, a, b);

    [SimdOpcode(0x53), MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AnyTrue(V128 v) => v != V128.Zero ? 1 : 0;

    [SimdOpcode(0x63, typeof(byte)), SimdOpcode(0x83, typeof(ushort)), SimdOpcode(0xA3, typeof(uint)), SimdOpcode(0xC3, typeof(ulong))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AllTrue<T>(V128 v) => Vector128.EqualsAny(v.As<byte, T>(), Vector128<T>.Zero) ? 0 : 1;

    [SimdOpcode(0x64, typeof(byte)), SimdOpcode(0x84, typeof(ushort)), SimdOpcode(0xA4, typeof(uint)), SimdOpcode(0xC4, typeof(ulong))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bitmask<T>(V128 v) => (int)Vector128.ExtractMostSignificantBits(v.As<byte, T>());
}
