using System.Globalization;
using System.Text;

namespace WasmCloud.ComponentSpecTests;

/// <summary>A parsed s-expression of the .wast text: an atom, a string literal, or a list.</summary>
public abstract record SExpression
{
    public static SExpression Parse(string text)
    {
        var position = 0;
        return Read(text, ref position);
    }

    private static SExpression Read(string text, ref int i)
    {
        SkipSpace(text, ref i);
        if (text[i] == '(')
        {
            i++;
            var items = new List<SExpression>();
            while (true)
            {
                SkipSpace(text, ref i);
                if (text[i] == ')')
                {
                    i++;
                    return new SList(items);
                }
                items.Add(Read(text, ref i));
            }
        }
        if (text[i] == '"') return new SString(ReadString(text, ref i));
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')')) i++;
        return new SAtom(text[start..i]);
    }

    private static void SkipSpace(string text, ref int i)
    {
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i + 1 < text.Length && text[i] == ';' && text[i + 1] == ';')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            return;
        }
    }

    /// <summary>A string literal with the text format's escapes (<c>\n \t \" \\ \hh \u{…}</c>), as UTF-8 bytes decoded.</summary>
    private static string ReadString(string text, ref int i)
    {
        i++;
        var bytes = new List<byte>();
        while (text[i] != '"')
        {
            if (text[i] != '\\')
            {
                var rune = Rune.GetRuneAt(text, i);
                var buffer = new byte[4];
                bytes.AddRange(buffer.AsSpan(0, rune.EncodeToUtf8(buffer)).ToArray());
                i += rune.Utf16SequenceLength;
                continue;
            }
            var c = text[i + 1];
            i += 2;
            switch (c)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case 'u':
                    var close = text.IndexOf('}', i);
                    var scalar = int.Parse(text[(i + 1)..close].Replace("_", ""), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(scalar)));
                    i = close + 1;
                    break;
                default:
                    bytes.Add(byte.Parse(text.AsSpan(i - 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i++;
                    break;
            }
        }
        i++;
        return Encoding.UTF8.GetString([.. bytes]);
    }
}

public sealed record SAtom(string Text) : SExpression;
public sealed record SString(string Value) : SExpression;
public sealed record SList(List<SExpression> Items) : SExpression
{
    public string? Head => Items.Count > 0 && Items[0] is SAtom a ? a.Text : null;
}
