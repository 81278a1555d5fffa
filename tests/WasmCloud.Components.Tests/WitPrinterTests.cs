using WasmCloud.Components.Wit;

namespace WasmCloud.Components.Tests;

public class WitPrinterTests
{
    [Fact]
    public void ValuesWorldPrintsEveryTypeDefinition()
    {
        var wit = WitPrinter.PrintWorld(Fixtures.Load("values").Type);
        Assert.StartsWith("package root:component;\n\nworld root {\n  export test:fixtures/values@1.0.0;\n}\n", wit);
        Assert.Contains("package test:fixtures@1.0.0 {\n  interface values {\n    record point {\n      x: s32,\n      y: s32,\n    }\n", wit);
        Assert.Contains("    variant shape {\n      circle(u32),\n      square(u32),\n      dot,\n    }\n", wit);
        Assert.Contains("    flip: func(t: tuple<u8, string>) -> tuple<string, u8>;\n", wit);
        Assert.Contains("    checked-div: func(a: u32, b: u32) -> result<u32, string>;\n", wit);
        Assert.Contains("    centroid: func(ps: list<point>) -> option<point>;\n", wit);
        WitParser.Parse(wit);
    }

    [Fact]
    public void ResourceFunctionsPrintInsideTheResource()
    {
        var wit = WitPrinter.PrintWorld(Fixtures.Load("counters").Type);
        Assert.Contains("  import test:fixtures/host@1.0.0;\n\n  export test:fixtures/counters@1.0.0;\n", wit);
        Assert.Contains("    resource counter {\n      constructor(start: u32);\n      increment: func() -> u32;\n      zero: static func() -> counter;\n    }\n", wit);
        var document = WitParser.Parse(wit);
        Assert.Equal(["host", "counters"], document.NestedPackages.Single().Items.OfType<WitInterface>().Select(i => i.Name));
    }

    [Fact]
    public void WorldFunctionsPrintInline()
    {
        var wit = WitPrinter.PrintWorld(Fixtures.Load("relay").Type);
        Assert.Contains("  import test:fixtures/greet@1.0.0;\n\n  export relay: func(name: string) -> string;\n", wit);
        WitParser.Parse(wit);
    }
}
