using WasmCloud.Components;

namespace WasmCloud.Host.Capabilities.Sql;

/// <summary>
/// <c>hashable-f64</c>, <c>tuple&lt;u64, s16, s8&gt;</c>: a float as Rust's <c>integer_decode</c> splits it — mantissa,
/// binary exponent, sign (1 or -1) — so the value is <c>sign × mantissa × 2^exponent</c>. <c>real</c> columns are split
/// as 32-bit floats, as upstream's provider splits them.
/// </summary>
internal static class PgFloats
{
    public static ComponentValue Of(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var sign = bits < 0 ? -1 : 1;
        var exponent = (short)((bits >> 52) & 0x7ff);
        var mantissa = exponent == 0 ? (bits & 0xfffffffffffffL) << 1 : (bits & 0xfffffffffffffL) | 0x10000000000000L;
        return Tuple((ulong)mantissa, (short)(exponent - (1023 + 52)), sign);
    }

    public static ComponentValue Of(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        var sign = bits < 0 ? -1 : 1;
        var exponent = (short)((bits >> 23) & 0xff);
        var mantissa = exponent == 0 ? (bits & 0x7fffff) << 1 : (bits & 0x7fffff) | 0x800000;
        return Tuple((ulong)mantissa, (short)(exponent - (127 + 23)), sign);
    }

    public static double ToDouble(ComponentValue value)
    {
        var parts = ((TupleValue)value).Elements;
        var mantissa = (ulong)((IntegerValue)parts[0]).Bits;
        var exponent = (int)((IntegerValue)parts[1]).Bits;
        var sign = ((IntegerValue)parts[2]).Bits < 0 ? -1.0 : 1.0;
        return sign * Math.ScaleB(mantissa, exponent);
    }

    private static ComponentValue Tuple(ulong mantissa, short exponent, int sign) =>
        new TupleValue([ComponentValue.U64(mantissa), ComponentValue.S16(exponent), ComponentValue.S8((sbyte)sign)]);
}
