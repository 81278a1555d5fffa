using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm.Text;

/// <summary>The immediates of SIMD instructions: memargs, lane indices, shuffle lanes and <c>v128.const</c>.</summary>
internal static class SimdImmediates
{
    private const int VectorBytes = 16;

    public static void Parse(TokenCursor cursor, WasmBinaryWriter output, int subOpcode)
    {
        var instruction = SimdOps.Of((uint)subOpcode)!;
        switch (instruction.Immediate)
        {
            case SimdImmediate.MemArg:
                MemoryArgument.Parse(cursor, output, instruction.AlignLog2);
                break;
            case SimdImmediate.MemArgLane:
                MemoryArgument.Parse(cursor, output, instruction.AlignLog2);
                output.Byte(LaneIndex(cursor));
                break;
            case SimdImmediate.Lane:
                output.Byte(LaneIndex(cursor));
                break;
            case SimdImmediate.ShuffleLanes:
                for (var i = 0; i < VectorBytes; i++) output.Byte(LaneIndex(cursor));
                break;
            case SimdImmediate.Bytes16:
                ParseConstant(cursor, output);
                break;
        }
    }

    /// <summary>A lane index is a <c>u8</c> literal; whether it names an existing lane is for validation.</summary>
    private static byte LaneIndex(TokenCursor cursor)
    {
        var token = cursor.Next();
        var lane = IntegerLiterals.ParseU32(token);
        return lane <= byte.MaxValue ? (byte)lane : throw TextErrors.At(token, $"lane index out of range: {token.Text}");
    }

    /// <summary><c>v128.const shape lane*</c>: the lanes, little-endian, in the shape's integer or float syntax.</summary>
    private static void ParseConstant(TokenCursor cursor, WasmBinaryWriter output)
    {
        var shape = cursor.Expect(TokenKind.Keyword, "a vector shape");
        switch (shape.Text)
        {
            case "i8x16": Lanes(16, () => output.Byte((byte)IntegerLiterals.ParseInteger(cursor.Next(), 8))); break;
            case "i16x8":
                Lanes(8, () =>
                {
                    var lane = (ushort)IntegerLiterals.ParseInteger(cursor.Next(), 16);
                    output.Bytes([(byte)lane, (byte)(lane >> 8)]);
                });
                break;
            case "i32x4": Lanes(4, () => output.F32Bits((uint)IntegerLiterals.ParseInteger(cursor.Next(), 32))); break;
            case "i64x2": Lanes(2, () => output.F64Bits(IntegerLiterals.ParseInteger(cursor.Next(), 64))); break;
            case "f32x4": Lanes(4, () => output.F32Bits(FloatLiterals.ParseF32(cursor.Next()))); break;
            case "f64x2": Lanes(2, () => output.F64Bits(FloatLiterals.ParseF64(cursor.Next()))); break;
            default: throw TokenCursor.Unexpected(shape, "i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2");
        }
    }

    private static void Lanes(int count, Action lane)
    {
        for (var i = 0; i < count; i++) lane();
    }
}
