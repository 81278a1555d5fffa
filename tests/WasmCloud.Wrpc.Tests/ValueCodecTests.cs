using System.Buffers;
using WasmCloud.Components;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Encoding;

namespace WasmCloud.Wrpc.Tests;

/// <summary>Every value kind through encode and decode, upstream's own test vectors, and the decoder's refusals.</summary>
public sealed class ValueCodecTests
{
    private static readonly ValType U8 = ValType.Of(PrimitiveType.U8);
    private static readonly ValType U32 = ValType.Of(PrimitiveType.U32);
    private static readonly ValType S32 = ValType.Of(PrimitiveType.S32);
    private static readonly ValType Str = ValType.Of(PrimitiveType.String);

    public static TheoryData<string, ValType, ComponentValue> Values() => new()
    {
        { "bool", ValType.Of(PrimitiveType.Bool), ComponentValue.Bool(true) },
        { "s8", ValType.Of(PrimitiveType.S8), ComponentValue.S8(-128) },
        { "u8", U8, ComponentValue.U8(255) },
        { "s16 min", ValType.Of(PrimitiveType.S16), ComponentValue.S16(short.MinValue) },
        { "u16 max", ValType.Of(PrimitiveType.U16), ComponentValue.U16(ushort.MaxValue) },
        { "s32 min", S32, ComponentValue.S32(int.MinValue) },
        { "u32 max", U32, ComponentValue.U32(uint.MaxValue) },
        { "s64 min", ValType.Of(PrimitiveType.S64), ComponentValue.S64(long.MinValue) },
        { "s64 -2^62-1", ValType.Of(PrimitiveType.S64), ComponentValue.S64(-(1L << 62) - 1) },
        { "u64 max", ValType.Of(PrimitiveType.U64), ComponentValue.U64(ulong.MaxValue) },
        { "f32", ValType.Of(PrimitiveType.F32), ComponentValue.F32(-1.5f) },
        { "f64", ValType.Of(PrimitiveType.F64), ComponentValue.F64(Math.PI) },
        { "char", ValType.Of(PrimitiveType.Char), ComponentValue.Char(0x1F600) },
        { "string", Str, ComponentValue.String("héllo, wörld ✓") },
        { "list<u8>", new ListType(U8), new ListValue([ComponentValue.U8(0), ComponentValue.U8(0xff), ComponentValue.U8(7)]) },
        { "list<string>", new ListType(Str), new ListValue([ComponentValue.String("a"), ComponentValue.String("")]) },
        { "empty list", new ListType(U32), new ListValue([]) },
        { "record", new RecordType([new Field("name", Str), new Field("age", U32)]), new RecordValue([("name", ComponentValue.String("ada")), ("age", ComponentValue.U32(36))]) },
        { "tuple", new TupleType([S32, Str]), new TupleValue([ComponentValue.S32(-7), ComponentValue.String("x")]) },
        { "variant with payload", new VariantType([new Case("none", null), new Case("text", Str)]), new VariantValue("text", ComponentValue.String("t")) },
        { "variant without payload", new VariantType([new Case("none", null), new Case("text", Str)]), new VariantValue("none", null) },
        { "enum", new EnumType(["red", "green", "blue"]), new EnumValue("blue") },
        { "option some", new OptionType(U32), new VariantValue("some", ComponentValue.U32(3)) },
        { "option none", new OptionType(U32), new VariantValue("none", null) },
        { "result ok", new ResultType(Str, U32), new VariantValue("ok", ComponentValue.String("fine")) },
        { "result error", new ResultType(Str, U32), new VariantValue("error", ComponentValue.U32(404)) },
        { "result<_, _>", new ResultType(null, null), new VariantValue("error", null) },
        { "flags", new FlagsType(Enumerable.Range(0, 17).Select(i => $"f{i}").ToArray()), new FlagsValue(["f0", "f9", "f16"]) },
        { "no flags set", new FlagsType(["a", "b"]), new FlagsValue([]) },
        { "nested", new ListType(new OptionType(new RecordType([new Field("k", Str), new Field("v", new ListType(U8))]))),
            new ListValue([new VariantValue("some", new RecordValue([("k", ComponentValue.String("key")), ("v", new ListValue([ComponentValue.U8(1)]))])), new VariantValue("none", null)]) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_value_kind_round_trips(string name, ValType type, ComponentValue value)
    {
        var bytes = Encode(type, value);
        int position = 0;
        Assert.Equal(value.ToString(), ValueDecoder.Read(bytes, ref position, type).ToString());
        Assert.True(position == bytes.Length, name);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_truncation_of_a_value_is_a_decode_error(string name, ValType type, ComponentValue value)
    {
        var bytes = Encode(type, value);
        for (int length = 0; length < bytes.Length; length++)
        {
            var cut = bytes[..length];
            Assert.Throws<WrpcDecodeException>(() => ValueDecoder.ReadTuple(cut, [type]));
        }
        Assert.NotNull(name);
    }

    [Fact]
    public void Upstreams_test_vectors_encode_to_the_same_bytes()
    {
        // wasm-tokio 0.6.0, cm/values.rs tests::tuple: (true, -2i8, "test", 'B', None, true).
        var tuple = new TupleType([ValType.Of(PrimitiveType.Bool), ValType.Of(PrimitiveType.S8), Str, ValType.Of(PrimitiveType.Char), new OptionType(U8), ValType.Of(PrimitiveType.Bool)]);
        var value = new TupleValue([ComponentValue.Bool(true), ComponentValue.S8(-2), ComponentValue.String("test"), ComponentValue.Char('B'), new VariantValue("none", null), ComponentValue.Bool(true)]);
        Assert.Equal(new byte[] { 0x01, 0xfe, 0x04, 0x74, 0x65, 0x73, 0x74, 0x42, 0x00, 0x01 }, Encode(tuple, value));
        // leb128-tokio: 624485 and -123456.
        Assert.Equal(new byte[] { 0xe5, 0x8e, 0x26 }, Encode(U32, ComponentValue.U32(624485)));
        Assert.Equal(new byte[] { 0xc0, 0xbb, 0x78 }, Encode(S32, ComponentValue.S32(-123456)));
    }

    [Fact]
    public void Canonical_large_negative_numbers_decode_where_upstreams_decoder_fails()
    {
        foreach (var (type, value) in new (ValType, ComponentValue)[]
        {
            (ValType.Of(PrimitiveType.S16), ComponentValue.S16(-8193)),
            (S32, ComponentValue.S32(-(1 << 27) - 1)),
            (ValType.Of(PrimitiveType.S64), ComponentValue.S64(-(1L << 62) - 1)),
        })
            Assert.Equal(value.ToString(), ValueDecoder.ReadTuple(Encode(type, value), [type])[0].ToString());
    }

    [Theory]
    [InlineData("bool 2", new byte[] { 2 })]
    [InlineData("u32 too wide", new byte[] { 0x80, 0x80, 0x80, 0x80, 0x10 })]
    [InlineData("u32 too long", new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 })]
    [InlineData("string longer than the payload", new byte[] { 0x05, 0x61 })]
    [InlineData("string of invalid UTF-8", new byte[] { 0x02, 0xc3, 0x28 })]
    [InlineData("variant case out of range", new byte[] { 0x05 })]
    [InlineData("a list count of 2^32-1", new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f })]
    [InlineData("bytes left over", new byte[] { 0x01, 0x00 })]
    public void Malformed_payloads_are_decode_errors_that_say_what_is_wrong(string what, byte[] payload)
    {
        ValType type = what switch
        {
            "bool 2" => ValType.Of(PrimitiveType.Bool),
            "u32 too wide" or "u32 too long" => U32,
            "string longer than the payload" or "string of invalid UTF-8" => Str,
            "variant case out of range" => new VariantType([new Case("a", null), new Case("b", null)]),
            "a list count of 2^32-1" => new ListType(new TupleType([])),
            _ => ValType.Of(PrimitiveType.Bool),
        };
        var error = Assert.Throws<WrpcDecodeException>(() => ValueDecoder.ReadTuple(payload, [type]));
        Assert.False(string.IsNullOrWhiteSpace(error.Message), what);
    }

    [Fact]
    public void Mutated_payloads_decode_or_fail_cleanly_and_quickly()
    {
        var random = new Random(12345);
        foreach (var (_, type, value) in Values().Select(row => ((string)row[0], (ValType)row[1], (ComponentValue)row[2])))
        {
            var bytes = Encode(type, value);
            for (int round = 0; round < 2000; round++)
            {
                var mutated = (byte[])bytes.Clone();
                var edits = random.Next(1, 4);
                for (int e = 0; e < edits && mutated.Length > 0; e++) mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                if (random.Next(4) == 0) mutated = mutated[..random.Next(mutated.Length + 1)];
                try
                {
                    ValueDecoder.ReadTuple(mutated, [type]);
                }
                catch (WrpcDecodeException)
                {
                }
            }
        }
    }

    [Fact]
    public void Values_of_the_wrong_type_are_refused_when_encoding()
    {
        var writer = new ArrayBufferWriter<byte>();
        var error = Assert.Throws<ArgumentException>(() => ValueEncoder.Write(writer, new RecordType([new Field("n", U32)]), new RecordValue([("n", ComponentValue.String("x"))])));
        Assert.Contains("value.n", error.Message);
    }

    private static byte[] Encode(ValType type, ComponentValue value)
    {
        var writer = new ArrayBufferWriter<byte>();
        ValueEncoder.Write(writer, type, value);
        return writer.WrittenSpan.ToArray();
    }
}
