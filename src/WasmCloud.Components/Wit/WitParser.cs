using WasmCloud.Components.Format;

namespace WasmCloud.Components.Wit;

/// <summary>
/// Parses WIT text (component-model design/mvp/WIT.md) into a <see cref="WitDocument"/>. Errors are
/// <see cref="WitException"/>s at the offending token's line and column.
/// </summary>
public sealed partial class WitParser
{
    private static readonly HashSet<string> Primitives =
        ["bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char", "string"];

    private readonly List<WitToken> _tokens;
    private int _position;

    private WitParser(string text) => _tokens = WitLexer.Tokenize(text);

    public static WitDocument Parse(string text) => new WitParser(text).Document();

    private WitToken Current => _tokens[_position];

    private WitDocument Document()
    {
        WitPackageName? package = null;
        SkipGates();
        if (IsKeyword("package"))
        {
            Next();
            package = PackageName();
            if (!TrySymbol(";"))
            {
                // The file is a single `package name { … }` block.
                return new WitDocument(null, [], [NestedPackageBody(package), .. NestedPackages()]);
            }
        }
        var items = new List<WitTopLevelItem>();
        var nested = new List<WitNestedPackage>();
        while (Current.Kind != WitTokenKind.End)
        {
            SkipGates();
            if (IsKeyword("package"))
            {
                Next();
                nested.Add(NestedPackageBody(PackageName()));
            }
            else items.Add(TopLevelItem());
        }
        return new WitDocument(package, items, nested);
    }

    private List<WitNestedPackage> NestedPackages()
    {
        var nested = new List<WitNestedPackage>();
        while (Current.Kind != WitTokenKind.End)
        {
            SkipGates();
            Keyword("package");
            nested.Add(NestedPackageBody(PackageName()));
        }
        return nested;
    }

    private WitNestedPackage NestedPackageBody(WitPackageName name)
    {
        Symbol("{");
        var items = new List<WitTopLevelItem>();
        while (!TrySymbol("}")) items.Add(TopLevelItem());
        return new WitNestedPackage(name, items);
    }

    private WitTopLevelItem TopLevelItem()
    {
        var docs = SkipGates();
        if (TryKeyword("use"))
        {
            var path = UsePath();
            string? alias = TryKeyword("as") ? Identifier() : null;
            Symbol(";");
            return new WitTopLevelUse(path, alias);
        }
        if (TryKeyword("interface"))
        {
            var name = Identifier();
            return new WitInterface(name, InterfaceBody(), docs);
        }
        if (TryKeyword("world"))
        {
            var name = Identifier();
            return new WitWorld(name, WorldBody(), docs);
        }
        throw Error("expected `interface`, `world`, `use` or `package`");
    }

    /// <summary><c>ns:pkg@version</c>, with any number of nested namespaces.</summary>
    private WitPackageName PackageName()
    {
        var parts = new List<string> { Identifier() };
        Symbol(":");
        parts.Add(Identifier());
        while (TrySymbol(":")) parts.Add(Identifier());
        return new WitPackageName(string.Join(':', parts[..^1]), parts[^1], TrySymbol("@") ? Version() : null);
    }

    /// <summary><c>iface</c> or <c>ns:pkg/iface@version</c>.</summary>
    private WitUsePath UsePath()
    {
        var first = Identifier();
        if (!TrySymbol(":")) return new WitUsePath(null, first);
        var parts = new List<string> { first, Identifier() };
        while (TrySymbol(":")) parts.Add(Identifier());
        Symbol("/");
        var name = Identifier();
        string? version = TrySymbol("@") ? Version() : null;
        return new WitUsePath(new WitPackageName(string.Join(':', parts[..^1]), parts[^1], version), name);
    }

    private string Version()
    {
        var token = Current;
        if (token.Kind != WitTokenKind.Version) throw Error("expected a version");
        Next();
        if (SemVer.Check(token.Text) is { } error) throw new WitException($"`{token.Text}` is not a valid version: {error}", token.Line, token.Column);
        return token.Text;
    }

    /// <summary>
    /// Skips the feature gates before an item — read and ignored: this parser does not select features —
    /// and returns the item's doc comments, which may stand before or after the gates.
    /// </summary>
    private string? SkipGates()
    {
        var docs = Current.Docs;
        while (Current.Kind == WitTokenKind.Annotation)
        {
            if (Current.Text is not ("@since" or "@unstable" or "@deprecated")) throw Error($"unknown annotation `{Current.Text}`");
            Next();
            Symbol("(");
            while (!TrySymbol(")"))
            {
                if (Current.Kind == WitTokenKind.End) throw Error("expected `)` closing the annotation");
                Next();
            }
        }
        return docs ?? Current.Docs;
    }
}
