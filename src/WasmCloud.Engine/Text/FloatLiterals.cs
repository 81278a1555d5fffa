using System.Globalization;
using System.Numerics;

namespace WasmCloud.Wasm.Text;

/// <summary>
/// Float literals (spec §6.3.2): decimal and hexadecimal (<c>0x1.8p3</c>) notation, <c>inf</c>, <c>nan</c> and
/// <c>nan:0xPAYLOAD</c>, each with an optional sign. Values round to nearest, ties to even; a finite literal
/// that rounds to infinity is out of range, as is a NaN payload that is zero or too wide.
/// </summary>
internal static class FloatLiterals
{
    /// <summary>The bit layout of one binary float format.</summary>
    private readonly record struct Format(int MantissaBits, int ExponentBits)
    {
        public int Bias => (1 << (ExponentBits - 1)) - 1;
        public ulong SignBit => 1UL << (MantissaBits + ExponentBits);
        public ulong Infinity => ((1UL << ExponentBits) - 1) << MantissaBits;
        public ulong QuietBit => 1UL << (MantissaBits - 1);
    }

    private static readonly Format Single = new(23, 8);
    private static readonly Format Double = new(52, 11);

    public static uint ParseF32(Token token) => (uint)Parse(token, Single);

    public static ulong ParseF64(Token token) => Parse(token, Double);

    private static ulong Parse(Token token, Format format)
    {
        if (token.Kind is not (TokenKind.Number or TokenKind.Keyword)) throw Expected(token);
        var text = token.Text.AsSpan();
        var negative = text.Length > 0 && text[0] == '-';
        if (text.Length > 0 && text[0] is '+' or '-') text = text[1..];
        var sign = negative ? format.SignBit : 0;
        if (text.SequenceEqual("inf")) return sign | format.Infinity;
        if (text.SequenceEqual("nan")) return sign | format.Infinity | format.QuietBit;
        if (text.StartsWith("nan:0x")) return sign | format.Infinity | NanPayload(token, text[6..], format);
        if (!char.IsAsciiDigit(text.Length > 0 ? text[0] : ' ')) throw Expected(token);
        var magnitude = text.StartsWith("0x") ? ParseHex(token, text[2..], format) : ParseDecimal(token, text, format);
        if (magnitude == format.Infinity) throw TextErrors.At(token, $"constant out of range: {token.Text}");
        return sign | magnitude;
    }

    private static ulong NanPayload(Token token, ReadOnlySpan<char> digits, Format format)
    {
        var payload = IntegerLiterals.Digits(digits, 16) ?? throw Expected(token);
        if (payload == 0 || payload >= BigInteger.One << format.MantissaBits)
            throw TextErrors.At(token, $"constant out of range: NaN payload of {token.Text}");
        return (ulong)payload;
    }

    /// <summary>Decimal notation is checked here and rounded by .NET's parser, which is correctly rounded.</summary>
    private static ulong ParseDecimal(Token token, ReadOnlySpan<char> text, Format format)
    {
        Split(token, text, 'e', 'E', out var mantissa, out var fraction, out var hasExponent, out var exponent);
        if (IntegerLiterals.Digits(mantissa, 10) is null
            || (fraction.Length > 0 && IntegerLiterals.Digits(fraction, 10) is null)
            || (hasExponent && ExponentDigits(exponent) is null))
            throw Expected(token);
        var plain = text.ToString().Replace("_", "");
        return format.MantissaBits == Single.MantissaBits
            ? BitConverter.SingleToUInt32Bits(float.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture))
            : BitConverter.DoubleToUInt64Bits(double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Hex notation: the digits form an exact integer times a power of two, rounded once.</summary>
    private static ulong ParseHex(Token token, ReadOnlySpan<char> text, Format format)
    {
        Split(token, text, 'p', 'P', out var mantissa, out var fraction, out var hasExponent, out var exponent);
        var integer = IntegerLiterals.Digits(mantissa, 16);
        var fractionDigits = fraction.Length == 0 ? 0 : IntegerLiterals.Digits(fraction, 16);
        var binaryExponent = hasExponent ? ExponentDigits(exponent) ?? throw Expected(token) : 0;
        if (integer is null || fractionDigits is null) throw Expected(token);
        var fractionLength = fraction.ToString().Replace("_", "").Length;
        var significand = (integer.Value << (4 * fractionLength)) + fractionDigits.Value;
        return Round(significand, binaryExponent - 4L * fractionLength, format);
    }

    /// <summary>Splits <c>digits[.digits][e[sign]digits]</c>; the part after the point may be empty.</summary>
    private static void Split(Token token, ReadOnlySpan<char> text, char exponentLower, char exponentUpper,
        out ReadOnlySpan<char> mantissa, out ReadOnlySpan<char> fraction, out bool hasExponent, out ReadOnlySpan<char> exponent)
    {
        var e = text.IndexOfAny(exponentLower, exponentUpper);
        hasExponent = e >= 0;
        exponent = hasExponent ? text[(e + 1)..] : [];
        if (hasExponent) text = text[..e];
        var point = text.IndexOf('.');
        mantissa = point < 0 ? text : text[..point];
        fraction = point < 0 ? [] : text[(point + 1)..];
        if (fraction.Length > 0 && fraction[0] == '_') throw Expected(token);
    }

    /// <summary>A decimal exponent with optional sign, saturated far beyond any float's range.</summary>
    private static long? ExponentDigits(ReadOnlySpan<char> text)
    {
        var negative = text.Length > 0 && text[0] == '-';
        if (text.Length > 0 && text[0] is '+' or '-') text = text[1..];
        if (IntegerLiterals.Digits(text, 10) is not { } value) return null;
        var saturated = (long)BigInteger.Min(value, 1_000_000_000);
        return negative ? -saturated : saturated;
    }

    /// <summary>
    /// Rounds <paramref name="significand"/> × 2^<paramref name="exponent"/> to the nearest float of the format
    /// (ties to even), through the subnormal range; returns the infinity pattern on overflow.
    /// </summary>
    private static ulong Round(BigInteger significand, long exponent, Format format)
    {
        if (significand.IsZero) return 0;
        var top = (long)significand.GetBitLength() - 1 + exponent;
        if (top > format.Bias) return format.Infinity;
        var minNormal = 1 - format.Bias;
        var ulpExponent = Math.Max(top, minNormal) - format.MantissaBits;
        var shift = ulpExponent - exponent;
        BigInteger units;
        if (shift <= 0)
        {
            units = significand << (int)-shift;
        }
        else if (shift > (long)significand.GetBitLength())
        {
            units = 0;
        }
        else
        {
            units = significand >> (int)shift;
            var remainder = significand - (units << (int)shift);
            var half = BigInteger.One << (int)(shift - 1);
            if (remainder > half || (remainder == half && !units.IsEven)) units++;
        }
        var hidden = BigInteger.One << format.MantissaBits;
        if (top < minNormal) return (ulong)units; // subnormal; rounding up to 2^mantissa lands on the least normal
        if (units == hidden << 1)
        {
            units >>= 1;
            top++;
            if (top > format.Bias) return format.Infinity;
        }
        return ((ulong)(top + format.Bias) << format.MantissaBits) | (ulong)(units - hidden);
    }

    private static MalformedModuleException Expected(Token token) =>
        TextErrors.At(token, $"unexpected token {token}, expected a float");
}
