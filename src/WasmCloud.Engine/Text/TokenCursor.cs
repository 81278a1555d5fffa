using System.Text;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Text;

/// <summary>A position in the token list with the small look-ahead and expectation helpers the parsers share.</summary>
internal sealed class TokenCursor
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly List<Token> _tokens;

    public TokenCursor(List<Token> tokens) => _tokens = tokens;

    public int Index { get; set; }

    public Token Peek(int ahead = 0) => _tokens[Math.Min(Index + ahead, _tokens.Count - 1)];

    public Token Next()
    {
        var token = Peek();
        if (Index < _tokens.Count - 1) Index++;
        return token;
    }

    /// <summary>True when the next tokens are <c>(keyword</c>.</summary>
    public bool AtField(string keyword) => Peek().Kind == TokenKind.LeftParen && Peek(1).IsKeyword(keyword);

    /// <summary>Consumes <c>(keyword</c> when it is next.</summary>
    public bool TryField(string keyword)
    {
        if (!AtField(keyword)) return false;
        Index += 2;
        return true;
    }

    public bool AtIndex => Peek().Kind is TokenKind.Number or TokenKind.Id;

    public Token? TryId() => Peek().Kind == TokenKind.Id ? Next() : null;

    public Token Expect(TokenKind kind, string what)
    {
        var token = Peek();
        if (token.Kind != kind) throw Unexpected(token, what);
        return Next();
    }

    public void ExpectLeftParen() => Expect(TokenKind.LeftParen, "'('");

    public void ExpectRightParen() => Expect(TokenKind.RightParen, "')'");

    public Token ExpectKeyword(string keyword)
    {
        var token = Peek();
        if (!token.IsKeyword(keyword)) throw Unexpected(token, $"'{keyword}'");
        return Next();
    }

    public void ExpectField(string keyword)
    {
        if (!TryField(keyword)) throw Unexpected(Peek(), $"'({keyword}'");
    }

    public Token ExpectIndex() => AtIndex ? Next() : throw Unexpected(Peek(), "an index or identifier");

    public byte[] ExpectString() => Expect(TokenKind.String, "a string").Bytes!;

    /// <summary>A string used as a name (import, export): it must be valid UTF-8.</summary>
    public byte[] ExpectName()
    {
        var token = Expect(TokenKind.String, "a name string");
        try
        {
            StrictUtf8.GetString(token.Bytes!);
        }
        catch (DecoderFallbackException)
        {
            throw TextErrors.At(token, "malformed UTF-8 encoding");
        }
        return token.Bytes!;
    }

    public ValueType ExpectValueType()
    {
        var token = Next();
        return TypeSyntax.ValueType(token) ?? throw Unexpected(token, "a value type");
    }

    public ValueType ExpectReferenceType()
    {
        var token = Next();
        return TypeSyntax.ReferenceType(token) ?? throw Unexpected(token, "a reference type");
    }

    /// <summary>Moves past the parenthesised group that starts at the current '('.</summary>
    public void SkipGroup()
    {
        var depth = 0;
        do
        {
            var token = Next();
            if (token.Kind == TokenKind.LeftParen) depth++;
            else if (token.Kind == TokenKind.RightParen) depth--;
            else if (token.Kind == TokenKind.EndOfFile) throw Unexpected(token, "')'");
        } while (depth > 0);
    }

    public static MalformedModuleException Unexpected(Token token, string expected) =>
        TextErrors.At(token, $"unexpected token {token}, expected {expected}");
}
