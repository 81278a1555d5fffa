namespace WasmCloud.Wasm.Format;

/// <summary>What follows a SIMD sub-opcode in the binary.</summary>
public enum SimdImmediate : byte
{
    None,
    /// <summary>A memarg (alignment exponent, offset).</summary>
    MemArg,
    /// <summary>A memarg, then a lane index byte.</summary>
    MemArgLane,
    /// <summary>A lane index byte.</summary>
    Lane,
    /// <summary>The 16 bytes of <c>v128.const</c>.</summary>
    Bytes16,
    /// <summary>The 16 lane index bytes of <c>i8x16.shuffle</c>, each below 32.</summary>
    ShuffleLanes,
}

/// <summary>The typing and immediates of one SIMD instruction (prefix 0xFD).</summary>
/// <param name="LaneCount">Lanes a lane index immediate may name (its exclusive bound).</param>
/// <param name="MemoryWidth">Bytes a memory instruction accesses; its natural alignment too.</param>
public sealed record SimdInstruction(ValueType[] Operands, ValueType[] Results, SimdImmediate Immediate, int LaneCount = 0, int MemoryWidth = 0)
{
    public int AlignLog2 => System.Numerics.BitOperations.Log2((uint)MemoryWidth);
}

/// <summary>
/// The SIMD instructions of WebAssembly 2.0 by sub-opcode (0x00–0xFF; relaxed SIMD, above, is not
/// supported). Sub-opcodes left null are reserved.
/// </summary>
public static class SimdOps
{
    public const int Const = 0x0C, Shuffle = 0x0D, DemoteF64x2Zero = 0x5E, PromoteLowF32x4 = 0x5F;

    private static readonly SimdInstruction?[] Table = Build();

    public static SimdInstruction? Of(uint subOpcode) => subOpcode < Table.Length ? Table[subOpcode] : null;

    private static SimdInstruction?[] Build()
    {
        const ValueType v = ValueType.V128, i32 = ValueType.I32, i64 = ValueType.I64, f32 = ValueType.F32, f64 = ValueType.F64;
        var table = new SimdInstruction?[0x100];
        void Set(int op, SimdInstruction instruction) => table[op] = instruction;
        void Range(int first, int last, SimdInstruction instruction)
        {
            for (var op = first; op <= last; op++) table[op] = instruction;
        }
        void Ops(SimdInstruction instruction, params int[] ops)
        {
            foreach (var op in ops) table[op] = instruction;
        }

        var unary = new SimdInstruction([v], [v], SimdImmediate.None);
        var binary = new SimdInstruction([v, v], [v], SimdImmediate.None);
        var test = new SimdInstruction([v], [i32], SimdImmediate.None);
        var shift = new SimdInstruction([v, i32], [v], SimdImmediate.None);
        SimdInstruction Load(int width) => new([i32], [v], SimdImmediate.MemArg, MemoryWidth: width);
        SimdInstruction Extract(ValueType scalar, int lanes) => new([v], [scalar], SimdImmediate.Lane, lanes);
        SimdInstruction Replace(ValueType scalar, int lanes) => new([v, scalar], [v], SimdImmediate.Lane, lanes);

        Set(0x00, Load(16));
        Range(0x01, 0x06, Load(8));
        Set(0x07, Load(1));
        Set(0x08, Load(2));
        Set(0x09, Load(4));
        Set(0x0A, Load(8));
        Set(0x0B, new SimdInstruction([i32, v], [], SimdImmediate.MemArg, MemoryWidth: 16));
        Set(Const, new SimdInstruction([], [v], SimdImmediate.Bytes16));
        Set(Shuffle, new SimdInstruction([v, v], [v], SimdImmediate.ShuffleLanes, 32));
        Set(0x0E, binary);
        Range(0x0F, 0x11, new SimdInstruction([i32], [v], SimdImmediate.None));
        Set(0x12, new SimdInstruction([i64], [v], SimdImmediate.None));
        Set(0x13, new SimdInstruction([f32], [v], SimdImmediate.None));
        Set(0x14, new SimdInstruction([f64], [v], SimdImmediate.None));
        Range(0x15, 0x16, Extract(i32, 16));
        Set(0x17, Replace(i32, 16));
        Range(0x18, 0x19, Extract(i32, 8));
        Set(0x1A, Replace(i32, 8));
        Set(0x1B, Extract(i32, 4));
        Set(0x1C, Replace(i32, 4));
        Set(0x1D, Extract(i64, 2));
        Set(0x1E, Replace(i64, 2));
        Set(0x1F, Extract(f32, 4));
        Set(0x20, Replace(f32, 4));
        Set(0x21, Extract(f64, 2));
        Set(0x22, Replace(f64, 2));
        Range(0x23, 0x4C, binary); // comparisons
        Set(0x4D, unary);
        Range(0x4E, 0x51, binary);
        Set(0x52, new SimdInstruction([v, v, v], [v], SimdImmediate.None));
        Set(0x53, test);
        for (var i = 0; i < 4; i++)
        {
            var width = 1 << i;
            Set(0x54 + i, new SimdInstruction([i32, v], [v], SimdImmediate.MemArgLane, 16 / width, width));
            Set(0x58 + i, new SimdInstruction([i32, v], [], SimdImmediate.MemArgLane, 16 / width, width));
        }
        Set(0x5C, Load(4));
        Set(0x5D, Load(8));
        Ops(unary, 0x5E, 0x5F, 0x60, 0x61, 0x62, 0x67, 0x68, 0x69, 0x6A, 0x74, 0x75, 0x7A, 0x7C, 0x7D, 0x7E, 0x7F,
            0x80, 0x81, 0x87, 0x88, 0x89, 0x8A, 0x94, 0xA0, 0xA1, 0xA7, 0xA8, 0xA9, 0xAA,
            0xC0, 0xC1, 0xC7, 0xC8, 0xC9, 0xCA, 0xE0, 0xE1, 0xE3, 0xEC, 0xED, 0xEF);
        Range(0xF8, 0xFF, unary); // conversions
        Ops(test, 0x63, 0x64, 0x83, 0x84, 0xA3, 0xA4, 0xC3, 0xC4);
        Ops(shift, 0x6B, 0x6C, 0x6D, 0x8B, 0x8C, 0x8D, 0xAB, 0xAC, 0xAD, 0xCB, 0xCC, 0xCD);
        Ops(binary, 0x65, 0x66, 0x7B, 0x82, 0x85, 0x86, 0x9B, 0xAE, 0xB1, 0xCE, 0xD1, 0xD5);
        Range(0x6E, 0x73, binary);
        Range(0x76, 0x79, binary);
        Range(0x8E, 0x93, binary);
        Range(0x95, 0x99, binary);
        Range(0x9C, 0x9F, binary);
        Range(0xB5, 0xBA, binary);
        Range(0xBC, 0xBF, binary);
        Range(0xD6, 0xDF, binary);
        Range(0xE4, 0xEB, binary);
        Range(0xF0, 0xF7, binary);
        return table;
    }
}
