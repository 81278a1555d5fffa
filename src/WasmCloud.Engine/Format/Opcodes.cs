namespace WasmCloud.Wasm.Format;

/// <summary>
/// Instruction opcodes. Single-byte opcodes keep their byte value; the 0xFC prefix family is encoded
/// as 0xFC00 | sub-opcode, the 0xFD (SIMD) family likewise, so one <c>ushort</c> names any instruction.
/// </summary>
public static class Opcodes
{
    public const ushort Unreachable = 0x00, Nop = 0x01, Block = 0x02, Loop = 0x03, If = 0x04, Else = 0x05,
        End = 0x0B, Br = 0x0C, BrIf = 0x0D, BrTable = 0x0E, Return = 0x0F, Call = 0x10, CallIndirect = 0x11,
        Drop = 0x1A, Select = 0x1B, SelectTyped = 0x1C,
        LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22, GlobalGet = 0x23, GlobalSet = 0x24,
        TableGet = 0x25, TableSet = 0x26,
        I32Load = 0x28, I64Load = 0x29, F32Load = 0x2A, F64Load = 0x2B,
        I32Load8S = 0x2C, I32Load8U = 0x2D, I32Load16S = 0x2E, I32Load16U = 0x2F,
        I64Load8S = 0x30, I64Load8U = 0x31, I64Load16S = 0x32, I64Load16U = 0x33, I64Load32S = 0x34, I64Load32U = 0x35,
        I32Store = 0x36, I64Store = 0x37, F32Store = 0x38, F64Store = 0x39,
        I32Store8 = 0x3A, I32Store16 = 0x3B, I64Store8 = 0x3C, I64Store16 = 0x3D, I64Store32 = 0x3E,
        MemorySize = 0x3F, MemoryGrow = 0x40,
        I32Const = 0x41, I64Const = 0x42, F32Const = 0x43, F64Const = 0x44,
        I32Eqz = 0x45, I64Eqz = 0x50,
        I32Add = 0x6A, I32Sub = 0x6B, I32Mul = 0x6C, I64Add = 0x7C, I64Sub = 0x7D, I64Mul = 0x7E,
        RefNull = 0xD0, RefIsNull = 0xD1, RefFunc = 0xD2,
        Prefix = 0xFC, SimdPrefix = 0xFD,
        MemoryInit = 0xFC08, DataDrop = 0xFC09, MemoryCopy = 0xFC0A, MemoryFill = 0xFC0B,
        TableInit = 0xFC0C, ElemDrop = 0xFC0D, TableCopy = 0xFC0E, TableGrow = 0xFC0F, TableSize = 0xFC10,
        TableFill = 0xFC11,
        V128Const = 0xFD0C;
}
