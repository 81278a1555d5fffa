namespace WasmCloud.Components.Wave;

internal enum WaveTokenKind
{
    End,
    Punctuation,
    Number,
    Char,
    String,
    Label,
    Keyword,
}

/// <summary>One token: punctuation is its character, strings and chars their decoded text, labels without a <c>%</c>.</summary>
internal readonly record struct WaveToken(WaveTokenKind Kind, string Text, int Position)
{
    public bool Is(char punctuation) => Kind == WaveTokenKind.Punctuation && Text[0] == punctuation;
    public bool IsKeyword(string keyword) => Kind == WaveTokenKind.Keyword && Text == keyword;

    public override string ToString() => Kind switch
    {
        WaveTokenKind.End => "end of input",
        WaveTokenKind.String => $"string \"{Text}\"",
        WaveTokenKind.Char => $"char '{Text}'",
        _ => $"'{Text}'",
    };
}
