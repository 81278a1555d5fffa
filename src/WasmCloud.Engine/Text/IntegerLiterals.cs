using System.Numerics;

namespace WasmCloud.Wasm.Text;

/// <summary>
/// Integer literals: <c>sign? digits</c> or <c>sign? 0x hexdigits</c>, where one underscore may separate
/// two digits. The range a literal may take depends on where it stands (spec §6.3.1).
/// </summary>
internal static class IntegerLiterals
{
    /// <summary>An unsigned index, limit, offset or alignment: no sign, at most 2^32-1.</summary>
    public static uint ParseU32(Token token)
    {
        var value = ParseMagnitude(token, allowSign: false, out _);
        if (value > uint.MaxValue) throw TextErrors.At(token, $"constant out of range: {token.Text}");
        return (uint)value;
    }

    /// <summary>An i32 constant: signed or unsigned, from -2^31 to 2^32-1, stored as its two's complement.</summary>
    public static int ParseI32(Token token) => (int)(uint)ParseInteger(token, 32);

    /// <summary>An i64 constant: from -2^63 to 2^64-1.</summary>
    public static long ParseI64(Token token) => (long)ParseInteger(token, 64);

    /// <summary>Hex digits with optional separating underscores, as in <c>\u{...}</c>; false on bad syntax or overflow.</summary>
    public static bool TryParseHexDigits(string digits, out uint value)
    {
        value = 0;
        if (Digits(digits, 16) is not { } number || number > uint.MaxValue) return false;
        value = (uint)number;
        return true;
    }

    /// <summary>Digits in a radix with the underscore rule; null when the syntax is wrong.</summary>
    public static BigInteger? Digits(ReadOnlySpan<char> text, int radix)
    {
        if (text.IsEmpty || text[0] == '_' || text[^1] == '_') return null;
        BigInteger value = 0;
        var previousUnderscore = false;
        foreach (var c in text)
        {
            if (c == '_')
            {
                if (previousUnderscore) return null;
                previousUnderscore = true;
                continue;
            }
            previousUnderscore = false;
            var digit = HexValue(c);
            if (digit < 0 || digit >= radix) return null;
            value = value * radix + digit;
        }
        return value;
    }

    public static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>An N-bit integer written signed or unsigned, from -2^(N-1) to 2^N-1, as its two's complement.</summary>
    public static ulong ParseInteger(Token token, int bits)
    {
        var magnitude = ParseMagnitude(token, allowSign: true, out var negative);
        var limit = negative ? BigInteger.One << (bits - 1) : (BigInteger.One << bits) - 1;
        if (magnitude > limit) throw TextErrors.At(token, $"constant out of range: {token.Text}");
        var value = (ulong)magnitude;
        var wrapped = negative ? 0 - value : value;
        return bits == 64 ? wrapped : wrapped & ((1UL << bits) - 1);
    }

    private static BigInteger ParseMagnitude(Token token, bool allowSign, out bool negative)
    {
        negative = false;
        var text = token.Text.AsSpan();
        if (token.Kind == TokenKind.Number && allowSign && text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        if (token.Kind != TokenKind.Number || !TryParse(text, out var value))
            throw TextErrors.At(token, $"unexpected token {token}, expected an integer");
        return value;
    }

    private static bool TryParse(ReadOnlySpan<char> text, out BigInteger value)
    {
        var hex = text.StartsWith("0x");
        value = Digits(hex ? text[2..] : text, hex ? 16 : 10) ?? BigInteger.MinusOne;
        return value >= 0;
    }
}
