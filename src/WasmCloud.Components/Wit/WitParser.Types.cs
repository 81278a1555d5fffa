using WasmCloud.Components.Format;

namespace WasmCloud.Components.Wit;

// Types where they are used, and the token helpers every part of the parser shares.
public sealed partial class WitParser
{
    private WitType Type()
    {
        var token = Current;
        if (token.Kind != WitTokenKind.Identifier) throw Error("expected a type");
        if (token.IsEscaped) return new WitNamed(Identifier());
        var name = token.Text;
        Next();
        switch (name)
        {
            case var _ when Primitives.Contains(name):
                return new WitPrimitive(name);
            case "list":
                return Generic(() => new WitList(Type()));
            case "option":
                return Generic(() => new WitOption(Type()));
            case "borrow":
                return Generic(() => new WitBorrow(Identifier()));
            case "own":
                return Generic(() => new WitOwn(Identifier()));
            case "tuple":
                return Generic(() =>
                {
                    var elements = new List<WitType> { Type() };
                    while (TrySymbol(",") && !IsSymbol(">")) elements.Add(Type());
                    return new WitTuple(elements);
                });
            case "result":
                if (!IsSymbol("<")) return new WitResult(null, null);
                return Generic(() =>
                {
                    WitType? ok = TrySymbol("_") ? null : Type();
                    WitType? error = TrySymbol(",") ? Type() : null;
                    if (ok is null && error is null) throw Error("`result<_>` needs an error type: write `result`");
                    return new WitResult(ok, error);
                });
            case "future" or "stream" or "error-context":
                throw new WitException($"`{name}` types are not supported", token.Line, token.Column);
            default:
                if (Keywords.Contains(name)) throw new WitException($"expected a type, found keyword `{name}`", token.Line, token.Column);
                return new WitNamed(name);
        }
    }

    private T Generic<T>(Func<T> inside)
    {
        Symbol("<");
        var type = inside();
        Symbol(">");
        return type;
    }

    /// <summary>Words that are identifiers only when written with <c>%</c>.</summary>
    private static readonly HashSet<string> Keywords =
    [
        "as", "async", "bool", "borrow", "char", "constructor", "enum", "export", "f32", "f64", "flags", "from", "func",
        "future", "import", "include", "interface", "list", "option", "own", "package", "record", "resource", "result",
        "s16", "s32", "s64", "s8", "static", "stream", "string", "tuple", "type", "u16", "u32", "u64", "u8", "use",
        "variant", "with", "world",
    ];

    /// <summary>Whether <paramref name="word"/> must be written <c>%word</c> to be a name.</summary>
    internal static bool IsReservedWord(string word) => Keywords.Contains(word);

    private WitToken Peek(int ahead) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    private void Next() => _position++;

    private WitException Error(string message) => new($"{message}, found {Describe(Current)}", Current.Line, Current.Column);

    private static string Describe(WitToken token) => token.Kind == WitTokenKind.End ? "end of input" : $"`{token.Text}`";

    /// <summary>A kebab-case name; keywords need a <c>%</c>.</summary>
    private string Identifier()
    {
        var token = Current;
        if (token.Kind != WitTokenKind.Identifier) throw Error("expected an identifier");
        if (!token.IsEscaped && Keywords.Contains(token.Text))
            throw Error("expected an identifier (write `%" + token.Text + "` to use a keyword as a name)");
        if (ExternNames.LabelError(token.Text) is { } error) throw new WitException($"identifier `{token.Text}` {error}", token.Line, token.Column);
        Next();
        return token.Text;
    }

    private bool IsKeyword(string keyword) => Current is { Kind: WitTokenKind.Identifier, IsEscaped: false } token && token.Text == keyword;

    private bool TryKeyword(string keyword)
    {
        if (!IsKeyword(keyword)) return false;
        Next();
        return true;
    }

    private void Keyword(string keyword)
    {
        if (!TryKeyword(keyword)) throw Error($"expected `{keyword}`");
    }

    private bool IsSymbol(string symbol) => Current.Kind == WitTokenKind.Symbol && Current.Text == symbol;

    private bool TrySymbol(string symbol)
    {
        if (!IsSymbol(symbol)) return false;
        Next();
        return true;
    }

    private void Symbol(string symbol)
    {
        if (!TrySymbol(symbol)) throw Error($"expected `{symbol}`");
    }
}
