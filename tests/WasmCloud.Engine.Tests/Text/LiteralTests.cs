using System.Text;
using static WasmCloud.Wasm.Tests.Text.TextModules;

namespace WasmCloud.Wasm.Tests.Text;

public class LiteralTests
{
    private static int I32(string literal) => CallF($"(func (export \"f\") (result i32) (i32.const {literal}))").AsI32();
    private static long I64(string literal) => CallF($"(func (export \"f\") (result i64) (i64.const {literal}))").AsI64();
    private static uint F32Bits(string literal) => CallF($"(func (export \"f\") (result f32) (f32.const {literal}))").F32Bits;
    private static ulong F64Bits(string literal) => CallF($"(func (export \"f\") (result f64) (f64.const {literal}))").F64Bits;

    [Fact]
    public void IntegersTakeSignedAndUnsignedRangesWithUnderscores()
    {
        Assert.Equal(-1, I32("0xffff_ffff"));
        Assert.Equal(int.MinValue, I32("-0x8000_0000"));
        Assert.Equal(1_000_000, I32("+1_000_000"));
        Assert.Equal(-1L, I64("18446744073709551615"));
        Assert.Equal(long.MinValue, I64("-9223372036854775808"));
    }

    [Theory]
    [InlineData("(i32.const 4294967296)")]
    [InlineData("(i32.const -2147483649)")]
    [InlineData("(i64.const 0x1_0000_0000_0000_0000)")]
    [InlineData("(i32.const 1__0)")]
    [InlineData("(i32.const 0x_1)")]
    [InlineData("(i32.const 1_)")]
    public void IntegersOutOfRangeOrMisspelledAreMalformed(string constant) =>
        Malformed($"(func (drop {constant}))");

    [Fact]
    public void HexFloatsRoundToNearestEvenThroughSubnormals()
    {
        Assert.Equal(0x3F800000u, F32Bits("0x1.000001p0"));              // exactly half an ulp above 1: ties to even
        Assert.Equal(0x3F800002u, F32Bits("0x1.000003p0"));              // half-way from an odd mantissa: rounds up
        Assert.Equal(0x3F800001u, F32Bits("0x1.0000010000000000001p0")); // just above half-way
        Assert.Equal(0x7F7FFFFFu, F32Bits("0x1.fffffep127"));
        Assert.Equal(1UL, F64Bits("0x1p-1074"));
        Assert.Equal(0UL, F64Bits("0x1p-1075"));                         // half the least subnormal: ties to zero
        Assert.Equal(1UL, F64Bits("0x1.0000000000001p-1075"));
        Assert.Equal(0x0010000000000000UL, F64Bits("0x0.fffffffffffff8p-1022")); // rounds up into the normal range
    }

    [Fact]
    public void DecimalFloatsRoundCorrectly()
    {
        Assert.Equal(0x3F800000u, F32Bits("1.000000059604644775390625"));   // half-way: ties to even
        Assert.Equal(0x3F800001u, F32Bits("1.00000005960464477539062501"));
        Assert.Equal(0x3F800000u, F32Bits("1.00000005960464477539062499"));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(1000.0001), F64Bits("1_000.000_1"));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(100.0), F64Bits("1.e2"));
    }

    [Fact]
    public void InfinitiesAndNaNPayloads()
    {
        Assert.Equal(0xFF800000u, F32Bits("-inf"));
        Assert.Equal(0x7FC00000u, F32Bits("nan"));
        Assert.Equal(0xFFA00000u, F32Bits("-nan:0x200000"));
        Assert.Equal(0x7FF0000000000001UL, F64Bits("+nan:0x1"));
    }

    [Theory]
    [InlineData("(f32.const 1e39)")]
    [InlineData("(f32.const 0x1.ffffffp127)")]
    [InlineData("(f64.const 1e309)")]
    [InlineData("(f32.const nan:0x0)")]
    [InlineData("(f32.const nan:0x800000)")]
    [InlineData("(f32.const .5)")]
    [InlineData("(f64.const 0x1p)")]
    public void FloatsOutOfRangeOrMisspelledAreMalformed(string constant) =>
        Malformed($"(func (drop {constant}))");

    [Fact]
    public void StringsDecodeEveryEscape()
    {
        var instance = Instantiate("""
            (memory (export "m") (data "\t\n\r\"\'\\\41\u{48}\u{1F600}é"))
            """);
        var expected = Encoding.UTF8.GetBytes("\t\n\r\"'\\AH\U0001F600é");
        Assert.Equal(expected, instance.GetMemory("m")!.Span[..expected.Length].ToArray());
    }
}
