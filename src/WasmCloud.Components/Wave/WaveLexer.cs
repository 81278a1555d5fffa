using System.Globalization;
using System.Text;

namespace WasmCloud.Components.Wave;

/// <summary>Splits WAVE text into tokens, decoding string and char escapes and skipping whitespace and comments.</summary>
internal sealed class WaveLexer
{
    private static readonly HashSet<string> Keywords = ["true", "false", "inf", "nan", "some", "none", "ok", "err"];
    private readonly string _text;
    private int _position;

    public WaveLexer(string text) => _text = text;

    public WaveToken Next()
    {
        SkipTrivia();
        if (_position >= _text.Length) return new WaveToken(WaveTokenKind.End, "", _position);
        var start = _position;
        var c = _text[_position];
        if ("()[]{},:".Contains(c))
        {
            _position++;
            return new WaveToken(WaveTokenKind.Punctuation, c.ToString(), start);
        }
        if (c == '"') return new WaveToken(WaveTokenKind.String, ReadString(), start);
        if (c == '\'')
        {
            _position++;
            var scalar = ReadCharacter('\'');
            Expect('\'', "a char literal must hold exactly one character");
            return new WaveToken(WaveTokenKind.Char, scalar, start);
        }
        if (c == '-' || char.IsAsciiDigit(c))
        {
            if (c == '-' && _text.AsSpan(_position).StartsWith("-inf")) return Word(start, _position += 4, WaveTokenKind.Keyword);
            _position++;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '.' or '+' or '-' or '_'))
                _position++;
            return new WaveToken(WaveTokenKind.Number, _text[start.._position], start);
        }
        var escaped = c == '%';
        if (escaped) _position++;
        var wordStart = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '-')) _position++;
        if (_position == wordStart) throw new WaveException($"unexpected character '{c}'", start);
        var word = _text[wordStart.._position];
        if (!escaped && Keywords.Contains(word)) return new WaveToken(WaveTokenKind.Keyword, word, start);
        if (!IsLabel(word)) throw new WaveException($"'{word}' is not a kebab-case label", start);
        return new WaveToken(WaveTokenKind.Label, word, start);
    }

    private WaveToken Word(int start, int end, WaveTokenKind kind) => new(kind, _text[start..end], start);

    /// <summary>Kebab-case: words of letters and digits, each starting with a letter, all-lowercase or all-uppercase.</summary>
    private static bool IsLabel(string word) =>
        word.Split('-').All(part => part.Length > 0 && char.IsAsciiLetter(part[0])
            && (part.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch)) || part.All(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch))));

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_position])) _position++;
            else if (_text.AsSpan(_position).StartsWith("//"))
            {
                while (_position < _text.Length && _text[_position] != '\n') _position++;
            }
            else break;
        }
    }

    private string ReadString()
    {
        if (_text.AsSpan(_position).StartsWith("\"\"\"")) return ReadMultilineString();
        _position++;
        var value = new StringBuilder();
        while (_position < _text.Length && _text[_position] != '"')
        {
            if (_text[_position] == '\n') throw new WaveException("a string may not span lines (use \"\"\" for that)", _position);
            value.Append(ReadCharacter('"'));
        }
        Expect('"', "unterminated string");
        return value.ToString();
    }

    /// <summary>A """-delimited string: starts on the next line; the closing line's indentation is removed from every line.</summary>
    private string ReadMultilineString()
    {
        var start = _position;
        _position += 3;
        if (_position >= _text.Length || _text[_position] != '\n') throw new WaveException("a multiline string starts on the line after \"\"\"", start);
        _position++;
        var end = _text.IndexOf("\"\"\"", _position, StringComparison.Ordinal);
        if (end < 0) throw new WaveException("unterminated multiline string", start);
        var body = _text[_position..end];
        _position = end + 3;
        var lastNewline = body.LastIndexOf('\n');
        var indent = body[(lastNewline + 1)..];
        if (indent.Any(ch => ch is not (' ' or '\t'))) throw new WaveException("the closing \"\"\" must be on a line of its own", end);
        var lines = body[..Math.Max(0, lastNewline)].Split('\n').Select(line => line.StartsWith(indent, StringComparison.Ordinal) ? line[indent.Length..] : line);
        return string.Join('\n', lines.Select(line => Unescape(line, start)));
    }

    private static string Unescape(string line, int position)
    {
        var lexer = new WaveLexer(line);
        var value = new StringBuilder();
        while (lexer._position < line.Length) value.Append(lexer.ReadCharacter('\0'));
        return value.ToString();
    }

    /// <summary>One character of a string or char literal, escapes decoded.</summary>
    private string ReadCharacter(char delimiter)
    {
        if (_position >= _text.Length) throw new WaveException("unterminated literal", _position);
        var c = _text[_position];
        if (c == delimiter) throw new WaveException("empty char literal", _position);
        if (c != '\\')
        {
            var rune = Rune.GetRuneAt(_text, _position);
            _position += rune.Utf16SequenceLength;
            return rune.ToString();
        }
        var escapeStart = _position;
        _position += 2;
        if (_position > _text.Length) throw new WaveException("unterminated escape", escapeStart);
        switch (_text[escapeStart + 1])
        {
            case '\\': return "\\";
            case '\'': return "'";
            case '"': return "\"";
            case 't': return "\t";
            case 'n': return "\n";
            case 'r': return "\r";
            case 'u':
            {
                Expect('{', "\\u must be followed by {hex digits}");
                var close = _text.IndexOf('}', _position);
                if (close < 0 || !int.TryParse(_text.AsSpan(_position, close - _position), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var scalar)
                    || !Rune.IsValid(scalar))
                    throw new WaveException("\\u{...} must hold a Unicode scalar value in hex", escapeStart);
                _position = close + 1;
                return new Rune(scalar).ToString();
            }
            default: throw new WaveException($"unknown escape \\{_text[escapeStart + 1]}", escapeStart);
        }
    }

    private void Expect(char c, string message)
    {
        if (_position >= _text.Length || _text[_position] != c) throw new WaveException(message, _position);
        _position++;
    }
}
