using WasmCloud.Testing;

namespace WasmCloud.Wash.Tests;

/// <summary>Every WAVE value kind, in and out, through the C fixture component with one export per value type.</summary>
public class InvokeRoundTripTests
{
    private static readonly string Values = Repository.PathOf("tests/WasmCloud.Components.Tests/Fixtures/values.wasm");

    [Theory]
    [InlineData("not-bool(true)", "false")]
    [InlineData("add-s8(-100, -28)", "-128")]
    [InlineData("add-u8(200, 55)", "255")]
    [InlineData("add-s16(-32768, 0)", "-32768")]
    [InlineData("add-u16(65534, 1)", "65535")]
    [InlineData("add-s32(-2147483648, 0)", "-2147483648")]
    [InlineData("add-u32(4294967294, 1)", "4294967295")]
    [InlineData("add-s64(-9223372036854775807, -1)", "-9223372036854775808")]
    [InlineData("add-u64(18446744073709551614, 1)", "18446744073709551615")]
    [InlineData("add-f32(1.5, 2.25)", "3.75")]
    [InlineData("add-f64(0.1, 0.2)", "0.30000000000000004")]
    [InlineData("add-f64(inf, 1)", "inf")]
    [InlineData("next-char('☃')", "'☄'")]
    [InlineData("shout(\"héllo \\\"wave\\\"\\n\")", "\"HéLLO \\\"WAVE\\\"\\n!\"")]
    [InlineData("reverse([1, 2, 3])", "[3, 2, 1]")]
    [InlineData("reverse([])", "[]")]
    [InlineData("swap({x: 1, y: -2})", "{x: -2, y: 1}")]
    [InlineData("flip((7, \"seven\"))", "(\"seven\", 7)")]
    [InlineData("grow(circle(3))", "circle(6)")]
    [InlineData("grow(dot)", "dot")]
    [InlineData("next-color(blue)", "red")]
    [InlineData("halve(some(9))", "some(4)")]
    [InlineData("halve(8)", "some(4)")]
    [InlineData("halve(none)", "none")]
    [InlineData("checked-div(7, 2)", "ok(3)")]
    [InlineData("checked-div(7, 0)", "err(\"division by zero\")")]
    [InlineData("invert({read, exec})", "{write}")]
    [InlineData("invert({})", "{read, write, exec}")]
    [InlineData("centroid([{x: 0, y: 0}, {x: 4, y: 2}])", "some({x: 2, y: 1})")]
    [InlineData("centroid([])", "none")]
    public void ValuesGoInAndComeOutAsWave(string call, string result)
    {
        var (exitCode, stdout, stderr) = WashRunner.Run("run", Values, "--invoke", $"test:fixtures/values@1.0.0#{call}");
        Assert.Equal("", stderr);
        Assert.Equal(0, exitCode);
        Assert.Equal(result, stdout.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("swap({x: 1})", "field 'y' is missing")]
    [InlineData("grow(triangle(1))", "'triangle' is not a case of this type (circle, square, dot)")]
    [InlineData("invert({read, read})", "flag 'read' is given twice")]
    [InlineData("next-color(%none)", "'none' is not an enum of this type")]
    public void WronglyTypedArgumentsAreRefusedWithTheReason(string call, string message)
    {
        var (exitCode, _, stderr) = WashRunner.Run("run", Values, "--invoke", $"test:fixtures/values#{call}");
        Assert.Equal(1, exitCode);
        Assert.Contains(message, stderr);
    }
}
