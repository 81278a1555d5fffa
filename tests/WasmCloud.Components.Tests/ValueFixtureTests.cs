using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;
using static WasmCloud.Components.ComponentValue;

namespace WasmCloud.Components.Tests;

/// <summary>
/// Every value type through the C fixture <c>values.wasm</c> (test:fixtures/values): each export computes
/// its answer from its argument, so a right answer means the value was lowered into the guest and lifted back.
/// </summary>
public class ValueFixtureTests
{
    private static readonly Lazy<ComponentPre> Values = new(() => new ComponentLinker(Fixtures.Engine).Prepare(Fixtures.Load("values")));

    private static ComponentValue? Call(string function, params ComponentValue[] args) =>
        Fixtures.Export(Values.Value.Instantiate(new Store(Fixtures.Engine)), "test:fixtures/values@1.0.0", function).Call(args);

    private static RecordValue Point(int x, int y) => new([("x", S32(x)), ("y", S32(y))]);

    public static TheoryData<string, ComponentValue[], ComponentValue> Cases => new()
    {
        { "not-bool", [Bool(true)], Bool(false) },
        { "add-s8", [S8(100), S8(100)], S8(-56) },
        { "add-u8", [U8(200), U8(100)], U8(44) },
        { "add-s16", [S16(-30000), S16(-10000)], S16(25536) },
        { "add-u16", [U16(65535), U16(2)], U16(1) },
        { "add-s32", [S32(int.MinValue), S32(-1)], S32(int.MaxValue) },
        { "add-u32", [U32(uint.MaxValue), U32(3)], U32(2) },
        { "add-s64", [S64(long.MaxValue), S64(1)], S64(long.MinValue) },
        { "add-u64", [U64(ulong.MaxValue), U64(5)], U64(4) },
        { "add-f32", [F32(1.5f), F32(2.25f)], F32(3.75f) },
        { "add-f64", [F64(0.1), F64(0.2)], F64(0.1 + 0.2) },
        { "next-char", [Char('y')], Char('z') },
        { "next-char", [Char(0xd7ff)], Char(0xe000) },
        { "shout", [String("hello, wörld")], String("HELLO, WöRLD!") },
        { "reverse", [new ListValue([U32(1), U32(2), U32(3)])], new ListValue([U32(3), U32(2), U32(1)]) },
        { "reverse", [new ListValue([])], new ListValue([]) },
        { "swap", [Point(1, -2)], Point(-2, 1) },
        { "flip", [new TupleValue([U8(7), String("seven")])], new TupleValue([String("seven"), U8(7)]) },
        { "grow", [new VariantValue("circle", U32(3))], new VariantValue("circle", U32(6)) },
        { "grow", [new VariantValue("square", U32(5))], new VariantValue("square", U32(10)) },
        { "grow", [new VariantValue("dot", null)], new VariantValue("dot", null) },
        { "next-color", [new EnumValue("blue")], new EnumValue("red") },
        { "halve", [new VariantValue("some", U32(9))], new VariantValue("some", U32(4)) },
        { "halve", [new VariantValue("none", null)], new VariantValue("none", null) },
        { "checked-div", [U32(9), U32(2)], new VariantValue("ok", U32(4)) },
        { "checked-div", [U32(9), U32(0)], new VariantValue("error", String("division by zero")) },
        { "invert", [new FlagsValue(["read", "exec"])], new FlagsValue(["write"]) },
        { "centroid", [new ListValue([Point(0, 0), Point(4, 2), Point(2, 7)])], new VariantValue("some", Point(2, 3)) },
        { "centroid", [new ListValue([])], new VariantValue("none", null) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportComputesFromItsArgument(string function, ComponentValue[] args, ComponentValue expected) =>
        Assert.Equal(expected.ToString(), Call(function, args)?.ToString());

    [Fact]
    public void ComponentTextFixtureIsCalled()
    {
        var instance = new ComponentLinker(Fixtures.Engine).Instantiate(new Store(Fixtures.Engine), Fixtures.Load("ops"));
        Assert.Equal(S64(-6_000_000_000), instance.GetFunction("mul")!.Call(S64(-3), S64(2_000_000_000)));
        Assert.Equal(Bool(true), instance.GetFunction("is-odd")!.Call(U8(255)));
        Assert.Equal(Bool(false), instance.GetFunction("is-odd")!.Call(U8(254)));
    }
}
