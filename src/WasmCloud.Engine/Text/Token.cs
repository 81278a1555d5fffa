namespace WasmCloud.Wasm.Text;

/// <summary>The lexical classes of the text format.</summary>
internal enum TokenKind
{
    LeftParen,
    RightParen,
    /// <summary>An atom starting with a lowercase letter: keywords, instruction names, <c>inf</c>, <c>nan</c>, <c>offset=4</c>.</summary>
    Keyword,
    /// <summary>An atom starting with a digit or a sign: a number, if the literal parsers accept it.</summary>
    Number,
    /// <summary><c>$</c> followed by identifier characters.</summary>
    Id,
    String,
    EndOfFile,
}

/// <summary>One token with its 1-based source position; strings carry their decoded bytes.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Offset, int Line, int Column, byte[]? Bytes = null)
{
    public string Position => $"{Line}:{Column}";

    public bool IsKeyword(string keyword) => Kind == TokenKind.Keyword && Text == keyword;

    public override string ToString() => Kind switch
    {
        TokenKind.EndOfFile => "end of input",
        TokenKind.String => "string",
        _ => $"'{Text}'",
    };
}
