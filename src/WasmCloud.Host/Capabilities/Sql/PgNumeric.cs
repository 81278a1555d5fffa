using System.Buffers.Binary;
using System.Text;

namespace WasmCloud.Host.Capabilities.Sql;

/// <summary>
/// Postgres's <c>numeric</c> read from its binary form into the exact text Postgres itself prints — any precision
/// (beyond what .NET's decimal holds), <c>NaN</c> and the infinities — and arrays of them. The form: digit count,
/// weight (of the first base-10000 digit), sign, display scale, then the digits.
/// </summary>
internal static class PgNumeric
{
    private const ushort Negative = 0x4000, NaN = 0xC000, PositiveInfinity = 0xD000, NegativeInfinity = 0xF000;

    public static string Text(ReadOnlySpan<byte> value)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(value);
        var weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        var scale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        switch (sign)
        {
            case NaN: return "NaN";
            case PositiveInfinity: return "Infinity";
            case NegativeInfinity: return "-Infinity";
        }
        var digits = new short[count];
        for (var i = 0; i < count; i++) digits[i] = BinaryPrimitives.ReadInt16BigEndian(value[(8 + 2 * i)..]);
        int Digit(int index) => index >= 0 && index < count ? digits[index] : 0;
        var text = new StringBuilder(sign == Negative ? "-" : "");
        if (weight < 0) text.Append('0');
        for (var index = 0; index <= weight; index++)
            text.Append(index == 0 ? Digit(index).ToString(System.Globalization.CultureInfo.InvariantCulture) : Digit(index).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        if (scale > 0)
        {
            var fraction = new StringBuilder();
            for (var index = weight + 1; fraction.Length < scale; index++) fraction.Append(Digit(index).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            text.Append('.').Append(fraction, 0, scale);
        }
        return text.ToString();
    }

    /// <summary>An array's elements (any number of dimensions, in order); a null element is a <see cref="NotSupportedException"/>, as the interface's list has no null.</summary>
    public static List<string> ArrayText(ReadOnlySpan<byte> value)
    {
        var dimensions = BinaryPrimitives.ReadInt32BigEndian(value);
        var elements = new List<string>();
        if (dimensions == 0) return elements;
        var total = 1;
        for (var d = 0; d < dimensions; d++) total *= BinaryPrimitives.ReadInt32BigEndian(value[(12 + 8 * d)..]);
        var at = 12 + 8 * dimensions;
        for (var i = 0; i < total; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(value[at..]);
            if (length < 0) throw new NotSupportedException("a numeric array with a null element has no case in wasmcloud:postgres (its list holds no nulls)");
            elements.Add(Text(value.Slice(at + 4, length)));
            at += 4 + length;
        }
        return elements;
    }
}
