namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// The identity constants of float arithmetic, held in mutable statics so the JIT cannot see their values.
/// RyuJIT rewrites <c>x-0.0</c>, <c>x*1.0</c>, <c>x/1.0</c> and <c>-1.0*x</c> to <c>x</c> or <c>-x</c>, which
/// lets a signalling NaN through where Wasm requires the arithmetic to quiet it.
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
}
