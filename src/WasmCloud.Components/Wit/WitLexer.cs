using System.Text;

namespace WasmCloud.Components.Wit;

internal enum WitTokenKind { Identifier, Version, Annotation, Symbol, Arrow, End }

/// <summary>
/// One token. <see cref="IsEscaped"/> marks a <c>%</c>-prefixed identifier, which is never a keyword;
/// <see cref="Docs"/> carries the doc comments (<c>///</c>, <c>/** */</c>) written just before it.
/// </summary>
internal readonly record struct WitToken(WitTokenKind Kind, string Text, int Line, int Column, bool IsEscaped, string? Docs);

/// <summary>Splits WIT text into tokens, skipping white space and comments (block comments nest).</summary>
internal static class WitLexer
{
    public static List<WitToken> Tokenize(string text)
    {
        var tokens = new List<WitToken>();
        var docs = new StringBuilder();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            SkipBlanks(text, ref i, ref line, ref lineStart, docs);
            int column = i - lineStart + 1;
            string? pendingDocs = docs.Length == 0 ? null : docs.ToString().TrimEnd('\n');
            if (i >= text.Length)
            {
                tokens.Add(new WitToken(WitTokenKind.End, "end of input", line, column, false, null));
                return tokens;
            }
            char c = text[i];
            int start = i;
            WitTokenKind kind;
            bool escaped = false;
            if (c == '%' || char.IsAsciiLetter(c))
            {
                escaped = c == '%';
                if (escaped) start = ++i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '-')) i++;
                if (i == start) throw new WitException("expected an identifier after `%`", line, column);
                kind = WitTokenKind.Identifier;
            }
            else if (char.IsAsciiDigit(c))
            {
                ReadVersion(text, ref i);
                kind = WitTokenKind.Version;
            }
            else if (c == '@' && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]))
            {
                i++;
                while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
                kind = WitTokenKind.Annotation;
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '>')
            {
                i += 2;
                kind = WitTokenKind.Arrow;
            }
            else if ("{}()<>;:,.=/@*_".Contains(c))
            {
                i++;
                kind = WitTokenKind.Symbol;
            }
            else
            {
                throw new WitException($"unexpected character `{c}`", line, column);
            }
            tokens.Add(new WitToken(kind, text[start..i], line, column, escaped, pendingDocs));
            docs.Clear();
        }
    }

    /// <summary>A semantic version (or a plain number): stops at a dot not followed by a letter or digit, as in <c>@0.2.0.{x}</c>.</summary>
    private static void ReadVersion(string text, ref int i)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '-' || c == '+') i++;
            else if (c == '.' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1])) i++;
            else break;
        }
    }

    private static void SkipBlanks(string text, ref int i, ref int line, ref int lineStart, StringBuilder docs)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n') { i++; line++; lineStart = i; }
            else if (char.IsWhiteSpace(c)) i++;
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                int end = text.IndexOf('\n', i);
                if (end < 0) end = text.Length;
                if (i + 2 < text.Length && text[i + 2] == '/' && !(i + 3 < text.Length && text[i + 3] == '/'))
                    docs.Append(text[(i + 3)..end].Trim()).Append('\n');
                i = end;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                SkipBlockComment(text, ref i, ref line, ref lineStart, docs);
            }
            else return;
        }
    }

    private static void SkipBlockComment(string text, ref int i, ref int line, ref int lineStart, StringBuilder docs)
    {
        int startLine = line, startColumn = i - lineStart + 1, start = i;
        bool isDoc = i + 2 < text.Length && text[i + 2] == '*' && !(i + 3 < text.Length && text[i + 3] == '/');
        int depth = 0;
        while (i < text.Length)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*') { depth++; i += 2; }
            else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    if (isDoc) docs.Append(text[(start + 3)..(i - 2)].Trim()).Append('\n');
                    return;
                }
            }
            else
            {
                if (text[i] == '\n') { line++; lineStart = i + 1; }
                i++;
            }
        }
        throw new WitException("unterminated block comment", startLine, startColumn);
    }
}
