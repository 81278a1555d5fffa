using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Components.Wave;

namespace WasmCloud.Components.Tests.Wave;

public class WaveTests
{
    private static ValType P(PrimitiveType kind) => ValType.Of(kind);

    private static readonly RecordType Person = new([new Field("name", P(PrimitiveType.String)), new Field("age", P(PrimitiveType.U8)), new Field("nick", new OptionType(P(PrimitiveType.String)))]);
    private static readonly VariantType Shape = new([new Case("circle", P(PrimitiveType.F64)), new Case("dot", null), new Case("none", null)]);
    private static readonly FlagsType Access = new(["read", "write", "exec"]);
    private static readonly EnumType Direction = new(["north", "south", "true"]);

    public static TheoryData<ValType, string> RoundTrips => new()
    {
        { P(PrimitiveType.Bool), "true" },
        { P(PrimitiveType.S8), "-128" },
        { P(PrimitiveType.U64), "18446744073709551615" },
        { P(PrimitiveType.S64), "-9223372036854775808" },
        { P(PrimitiveType.F32), "1.5" },
        { P(PrimitiveType.F64), "-inf" },
        { P(PrimitiveType.F64), "nan" },
        { P(PrimitiveType.Char), "'☃'" },
        { P(PrimitiveType.Char), @"'\''" },
        { P(PrimitiveType.String), "\"tab\\there \\\"quoted\\\" \\u{0} 👋\"" },
        { new ListType(P(PrimitiveType.U32)), "[1, 2, 3]" },
        { new ListType(P(PrimitiveType.U32)), "[]" },
        { new TupleType([P(PrimitiveType.String), P(PrimitiveType.S32)]), "(\"x\", -7)" },
        { Person, "{name: \"ann\", age: 42, nick: some(\"an\")}" },
        { new RecordType([]), "{:}" },
        { Shape, "circle(2.5)" },
        { Shape, "dot" },
        { Shape, "%none" },
        { Direction, "%true" },
        { Access, "{read, exec}" },
        { Access, "{}" },
        { new OptionType(P(PrimitiveType.U8)), "none" },
        { new OptionType(new OptionType(P(PrimitiveType.U8))), "some(none)" },
        { new ResultType(P(PrimitiveType.U8), P(PrimitiveType.String)), "err(\"bad\")" },
        { new ResultType(null, null), "ok" },
        { new ListType(new ResultType(new ListType(Person), Shape)), "[ok([{name: \"b\", age: 1, nick: none}]), err(dot)]" },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void ValuesRoundTrip(ValType type, string text)
    {
        var value = WaveParser.Parse(text, type);
        Assert.Equal(text, WaveWriter.Write(value, type));
        Assert.Equal(value.ToString(), WaveParser.Parse(WaveWriter.Write(value, type), type).ToString());
    }

    [Theory]
    [InlineData("5", "some(5)")]
    [InlineData("  some( 5 ) // trailing comment", "some(5)")]
    public void OptionsMayBeFlat(string text, string written) =>
        Assert.Equal(written, WaveWriter.Write(WaveParser.Parse(text, new OptionType(P(PrimitiveType.U8))), new OptionType(P(PrimitiveType.U8))));

    [Fact]
    public void ResultsMayBeFlatAndOptionFieldsOmitted()
    {
        var result = new ResultType(P(PrimitiveType.String), null);
        Assert.Equal("ok(\"fine\")", WaveWriter.Write(WaveParser.Parse("\"fine\"", result), result));
        Assert.Equal("{name: \"x\", age: 3, nick: none}", WaveWriter.Write(WaveParser.Parse("{age: 3, name: \"x\",}", Person), Person));
    }

    [Fact]
    public void MultilineStringsDropTheClosingIndentation()
    {
        var text = "\"\"\"\n    first\n      second\n    \"\"\"";
        Assert.Equal(ComponentValue.String("first\n  second"), WaveParser.Parse(text, P(PrimitiveType.String)));
    }

    [Theory]
    [InlineData("256", "out of range for u8")]
    [InlineData("\"x\"", "expected an integer")]
    [InlineData("1 2", "expected the end")]
    public void BadScalarsNameTheProblem(string text, string message) =>
        Assert.Contains(message, Assert.Throws<WaveException>(() => WaveParser.Parse(text, P(PrimitiveType.U8))).Message);

    [Theory]
    [InlineData("{name: \"a\"}", "field 'age' is missing")]
    [InlineData("{name: \"a\", age: 1, height: 2}", "no field 'height'")]
    [InlineData("{name: \"a\", name: \"b\", age: 1}", "given twice")]
    public void BadRecordsNameTheField(string text, string message) =>
        Assert.Contains(message, Assert.Throws<WaveException>(() => WaveParser.Parse(text, Person)).Message);

    [Fact]
    public void KeywordsAsCasesNeedAPercent()
    {
        var error = Assert.Throws<WaveException>(() => WaveParser.Parse("none", Shape));
        Assert.Contains("expected a case name", error.Message);
        Assert.Contains("at character 1", error.Message);
    }

    [Fact]
    public void ArgumentListsAreCheckedAgainstTheParameters()
    {
        Field[] parameters = [new("a", P(PrimitiveType.U32)), new("b", P(PrimitiveType.String))];
        Assert.Equal([ComponentValue.U32(1), ComponentValue.String("two")], WaveParser.ParseArguments("1, \"two\"", parameters));
        Assert.Contains("missing argument 'b'", Assert.Throws<WaveException>(() => WaveParser.ParseArguments("1", parameters)).Message);
        Assert.Contains("too many arguments", Assert.Throws<WaveException>(() => WaveParser.ParseArguments("1, \"2\", 3", parameters)).Message);
    }

    [Theory]
    [InlineData("greet(\"world\")", null, "greet", "\"world\"")]
    [InlineData("wasi:cli/run@0.2.0#run()", "wasi:cli/run@0.2.0", "run", "")]
    [InlineData("f( [1, 2] ) ", null, "f", " [1, 2] ")]
    public void CallsSplitIntoInterfaceFunctionAndArguments(string text, string? @interface, string function, string arguments) =>
        Assert.Equal(new WaveCall(@interface, function, arguments), WaveCall.Parse(text));

    [Theory]
    [InlineData("greet")]
    [InlineData("(1)")]
    [InlineData("ns:pkg/iface#(1)")]
    public void MalformedCallsAreRejected(string text) => Assert.Throws<WaveException>(() => WaveCall.Parse(text));
}
