using WasmCloud.Components.Wit;

namespace WasmCloud.Components.Tests;

public class WitParserTests
{
    [Fact]
    public void FixtureWorldsParse()
    {
        var document = WitParser.Parse(File.ReadAllText(Fixtures.PathOf("wit/fixtures.wit")));
        Assert.Equal(new WitPackageName("test", "fixtures", "1.0.0"), document.Package);
        var values = Assert.IsType<WitInterface>(document.Items[0]);
        Assert.Equal("values", values.Name);
        Assert.StartsWith("One function per value type", values.Docs);
        var counter = values.Items.Count;
        Assert.Equal(26, counter);
        var counters = document.Items.OfType<WitInterface>().Single(i => i.Name == "counters");
        var resource = Assert.IsType<WitResource>(Assert.Single(counters.Items));
        Assert.Equal([WitResourceMemberKind.Constructor, WitResourceMemberKind.Method, WitResourceMemberKind.Static], resource.Members.Select(m => m.Kind));
        var relay = document.Items.OfType<WitWorld>().Single(w => w.Name == "relay");
        Assert.Equal(new WitWorldExtern(true, new WitExternPath(new WitUsePath(null, "greet")), null), relay.Items[0]);
    }

    /// <summary>The WASI 0.2 packages jco ships (copied by Fixtures/build.sh): gates, includes, nested uses, every type form.</summary>
    [Theory]
    [InlineData("wasi-cli")]
    [InlineData("wasi-clocks")]
    [InlineData("wasi-filesystem")]
    [InlineData("wasi-http")]
    [InlineData("wasi-io")]
    [InlineData("wasi-random")]
    [InlineData("wasi-sockets")]
    public void WasiPackagesParse(string package)
    {
        var document = WitParser.Parse(File.ReadAllText(Fixtures.PathOf($"wit/wasi-0.2.12/{package}.wit")));
        Assert.Equal("wasi", document.Package!.Namespace);
        Assert.Equal("0.2.12", document.Package.Version);
        Assert.NotEmpty(document.Items.OfType<WitInterface>());
    }

    [Fact]
    public void EveryTypeFormParses()
    {
        var document = WitParser.Parse("""
            package a:b:c@1.2.3-rc.1+build;
            use x:y/z@0.1.0 as zz;
            interface i {
              use x:y/z@0.1.0.{t, u as %type};
              /** a tuple alias */
              type pair = tuple<u8, string,>;
              @since(version = 0.2.0)
              /// doc after a gate
              f: func(a: list<option<result<_, borrow<r>>>>, b: result, c: result<u32>) -> own<r>;
              resource r;
            }
            world w {
              import f: func();
              export e: interface { g: func() -> bool; }
              include other with { f as f2 }
              @unstable(feature = x)
              export x:y/z;
            }
            """);
        var i = (WitInterface)document.Items[1];
        Assert.Equal(new WitUse(new WitUsePath(new WitPackageName("x", "y", "0.1.0"), "z"), [("t", null), ("u", "type")]), i.Items[0], new UseComparer());
        var f = (WitFunction)i.Items[2];
        Assert.Equal("doc after a gate", f.Docs);
        Assert.Equal(new WitOwn("r"), f.Type.Result);
        Assert.Equal("a", document.Package!.Namespace[..1]);
        Assert.Equal("a:b", document.Package.Namespace);
    }

    [Theory]
    [InlineData("interface i {\n  f: func(x: u32) -> ;\n}", 2, 22, "expected a type")]
    [InlineData("interface i {\n  record r { }\n}", 2, 14, "expected at least one field")]
    [InlineData("interface i {\n  type = u32;\n}", 2, 8, "expected an identifier")]
    [InlineData("package a:b@1.0;", 1, 13, "version")]
    [InlineData("world w { import Bad: func(); }", 1, 18, "Bad")]
    [InlineData("interface i { /* open", 1, 15, "unterminated block comment")]
    [InlineData("interface i { f: func(type: u32); }", 1, 23, "%type")]
    public void ErrorsNameLineAndColumn(string text, int line, int column, string message)
    {
        var error = Assert.Throws<WitException>(() => WitParser.Parse(text));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"{line}:{column}: ", error.Message);
    }

    private sealed class UseComparer : IEqualityComparer<WitInterfaceItem>
    {
        public bool Equals(WitInterfaceItem? x, WitInterfaceItem? y) =>
            x is WitUse a && y is WitUse b && a.From == b.From && a.Names.SequenceEqual(b.Names);

        public int GetHashCode(WitInterfaceItem obj) => 0;
    }
}
