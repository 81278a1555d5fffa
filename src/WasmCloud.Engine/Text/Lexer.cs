using System.Text;

namespace WasmCloud.Wasm.Text;

/// <summary>
/// Splits module text into tokens. Follows the spec's lexical rules: white space and (nested) comments
/// separate tokens, and a run of identifier characters and strings that is not exactly one atom or one
/// string is a reserved token, which is malformed (so <c>"a""b"</c> and <c>0$x</c> are rejected).
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string text) => _text = text;

    public static List<Token> Tokenize(string text)
    {
        var lexer = new Lexer(text);
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        } while (token.Kind != TokenKind.EndOfFile);
        return tokens;
    }

    /// <summary>The characters that may form keywords, numbers and identifiers.</summary>
    public static bool IsIdChar(char c) =>
        c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z'
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '/' or ':' or '<' or '='
            or '>' or '?' or '@' or '\\' or '^' or '_' or '`' or '|' or '~';

    private Token Next()
    {
        SkipWhiteSpaceAndComments();
        var start = _position;
        var line = _line;
        var column = start - _lineStart + 1;
        if (_position >= _text.Length) return new Token(TokenKind.EndOfFile, "", start, line, column);
        var c = _text[_position];
        if (c == '(')
        {
            _position++;
            return new Token(TokenKind.LeftParen, "(", start, line, column);
        }
        if (c == ')')
        {
            _position++;
            return new Token(TokenKind.RightParen, ")", start, line, column);
        }
        if (c != '"' && !IsIdChar(c)) throw TextErrors.At(start, line, column, $"unexpected character '{c}'");

        byte[]? bytes = null;
        var parts = 0;
        var hasIdChars = false;
        while (_position < _text.Length)
        {
            c = _text[_position];
            if (c == '"')
            {
                bytes = ReadString();
                parts++;
            }
            else if (IsIdChar(c))
            {
                while (_position < _text.Length && IsIdChar(_text[_position])) _position++;
                hasIdChars = true;
                parts++;
            }
            else
            {
                break;
            }
        }
        var text = _text[start.._position];
        if (parts > 1) throw TextErrors.At(start, line, column, $"unexpected token {text}: tokens must be separated by white space");
        if (!hasIdChars) return new Token(TokenKind.String, text, start, line, column, bytes);
        var kind = text[0] switch
        {
            '$' when text.Length > 1 => TokenKind.Id,
            >= 'a' and <= 'z' => TokenKind.Keyword,
            >= '0' and <= '9' or '+' or '-' => TokenKind.Number,
            _ => throw TextErrors.At(start, line, column, $"unexpected token {text}"),
        };
        return new Token(kind, text, start, line, column);
    }

    private void SkipWhiteSpaceAndComments()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ' ' or '\t' or '\r') _position++;
            else if (c == '\n') NewLine();
            else if (c == ';' && Peek(1) == ';') SkipLineComment();
            else if (c == '(' && Peek(1) == ';') SkipBlockComment();
            else if (c == ';') throw Error("unexpected character ';'");
            else return;
        }
    }

    private char Peek(int ahead) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private void NewLine()
    {
        _position++;
        _line++;
        _lineStart = _position;
    }

    private void SkipLineComment()
    {
        while (_position < _text.Length && _text[_position] != '\n') _position++;
    }

    private void SkipBlockComment()
    {
        var error = Error("unterminated block comment");
        var depth = 0;
        while (_position < _text.Length)
        {
            if (_text[_position] == '(' && Peek(1) == ';')
            {
                depth++;
                _position += 2;
            }
            else if (_text[_position] == ';' && Peek(1) == ')')
            {
                _position += 2;
                if (--depth == 0) return;
            }
            else if (_text[_position] == '\n')
            {
                NewLine();
            }
            else
            {
                _position++;
            }
        }
        throw error;
    }

    /// <summary>Reads a string literal at the current quote and returns its bytes (UTF-8 for characters).</summary>
    private byte[] ReadString()
    {
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        _position++;
        while (true)
        {
            if (_position >= _text.Length) throw Error("unterminated string");
            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return [.. bytes];
            }
            if (c == '\\')
            {
                ReadEscape(bytes);
                continue;
            }
            if (c < 0x20 || c == 0x7F) throw Error($"control character U+{(int)c:X4} in string");
            if (Rune.DecodeFromUtf16(_text.AsSpan(_position), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                throw Error("malformed UTF-16 in string");
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++) bytes.Add(utf8[i]);
            _position += consumed;
        }
    }

    private void ReadEscape(List<byte> bytes)
    {
        var escape = Error("unknown escape in string");
        _position++;
        var c = Peek(0);
        _position++;
        switch (c)
        {
            case 't': bytes.Add((byte)'\t'); return;
            case 'n': bytes.Add((byte)'\n'); return;
            case 'r': bytes.Add((byte)'\r'); return;
            case '"': bytes.Add((byte)'"'); return;
            case '\'': bytes.Add((byte)'\''); return;
            case '\\': bytes.Add((byte)'\\'); return;
            case 'u': ReadUnicodeEscape(bytes, escape); return;
        }
        var low = Peek(0);
        if (!Uri.IsHexDigit(c) || !Uri.IsHexDigit(low)) throw escape;
        _position++;
        bytes.Add((byte)(Uri.FromHex(c) * 16 + Uri.FromHex(low)));
    }

    /// <summary><c>\u{hexnum}</c>: a Unicode scalar value (not a surrogate, at most U+10FFFF), written as UTF-8.</summary>
    private void ReadUnicodeEscape(List<byte> bytes, MalformedModuleException escape)
    {
        if (Peek(0) != '{') throw escape;
        var close = _text.IndexOf('}', _position);
        if (close < 0) throw escape;
        var digits = _text[(_position + 1)..close];
        _position = close + 1;
        if (!IntegerLiterals.TryParseHexDigits(digits, out var value) || value > 0x10FFFF || value is >= 0xD800 and < 0xE000)
            throw escape;
        Span<byte> utf8 = stackalloc byte[4];
        var length = new Rune((int)value).EncodeToUtf8(utf8);
        for (var i = 0; i < length; i++) bytes.Add(utf8[i]);
    }

    private MalformedModuleException Error(string message) =>
        TextErrors.At(_position, _line, _position - _lineStart + 1, message);
}
