using System.Runtime.Intrinsics;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// The identity constants of float arithmetic, held in mutable statics so the JIT cannot see their values.
/// RyuJIT rewrites <c>x-0.0</c>, <c>x*1.0</c>, <c>x/1.0</c> and <c>-1.0*x</c> to <c>x</c> or <c>-x</c>, which
/// lets a signalling NaN through where Wasm requires the arithmetic to quiet it. It does the same to
/// vector arithmetic with a v128 constant whose lanes all hold such an identity (all-zero included).
/// </summary>
internal static class OpaqueFloatConstants
{
#pragma warning disable CA2211 // Mutable on purpose: a readonly static would be folded like a literal.
    public static float F32PositiveZero = 0f;
    public static float F32NegativeZero = -0f;
    public static float F32One = 1f;
    public static float F32MinusOne = -1f;
    public static double F64PositiveZero = 0d;
    public static double F64NegativeZero = -0d;
    public static double F64One = 1d;
    public static double F64MinusOne = -1d;
    public static Vector128<byte> V128Zero = Vector128<byte>.Zero;
    public static Vector128<byte> F32x4NegativeZero = Vector128.Create(-0f).AsByte();
    public static Vector128<byte> F32x4One = Vector128.Create(1f).AsByte();
    public static Vector128<byte> F64x2NegativeZero = Vector128.Create(-0d).AsByte();
    public static Vector128<byte> F64x2One = Vector128.Create(1d).AsByte();
#pragma warning restore CA2211

    public static string? F32FieldFor(uint bits) => bits switch
    {
        0x00000000 => nameof(F32PositiveZero),
        0x80000000 => nameof(F32NegativeZero),
        0x3F800000 => nameof(F32One),
        0xBF800000 => nameof(F32MinusOne),
        _ => null,
    };

    public static string? F64FieldFor(ulong bits) => bits switch
    {
        0x0000000000000000 => nameof(F64PositiveZero),
        0x8000000000000000 => nameof(F64NegativeZero),
        0x3FF0000000000000 => nameof(F64One),
        0xBFF0000000000000 => nameof(F64MinusOne),
        _ => null,
    };

    /// <summary>
    /// Whether a v128 constant has a signalling NaN in an f32 or f64 view of its lanes: the JIT folds
    /// arithmetic with a NaN constant to that constant, unquieted.
    /// </summary>
    public static bool HoldsSignallingNaN(ulong low, ulong high)
    {
        static bool F32(uint bits) => (bits & 0x7FC00000) == 0x7F800000 && (bits & 0x003FFFFF) != 0;
        static bool F64(ulong bits) => (bits & 0x7FF8000000000000) == 0x7FF0000000000000 && (bits & 0x0007FFFFFFFFFFFF) != 0;
        return F64(low) || F64(high) || F32((uint)low) || F32((uint)(low >> 32)) || F32((uint)high) || F32((uint)(high >> 32));
    }

    public static string? V128FieldFor(ulong low, ulong high) => (low, high) switch
    {
        (0, 0) => nameof(V128Zero),
        (0x8000000080000000, 0x8000000080000000) => nameof(F32x4NegativeZero),
        (0x3F8000003F800000, 0x3F8000003F800000) => nameof(F32x4One),
        (0x8000000000000000, 0x8000000000000000) => nameof(F64x2NegativeZero),
        (0x3FF0000000000000, 0x3FF0000000000000) => nameof(F64x2One),
        _ => null,
    };
}
