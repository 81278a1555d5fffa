using System.Buffers.Binary;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Decoding;

/// <summary>A memory instruction's immediate: alignment exponent and static offset.</summary>
public readonly record struct MemArg(uint Align, ulong Offset);

/// <summary>Reads opcodes and the composite immediates of instructions; shared by the validator and compiler.</summary>
public static class InstructionImmediates
{
    private static readonly FuncType[] SingleResult =
    [
        new([], [ValueType.I32]), new([], [ValueType.I64]), new([], [ValueType.F32]), new([], [ValueType.F64]),
        new([], [ValueType.V128]), new([], [ValueType.FuncRef]), new([], [ValueType.ExternRef]),
    ];

    /// <summary>Reads an opcode; prefixed families come back as prefix &lt;&lt; 8 | sub-opcode.</summary>
    public static ushort ReadOpcode(WasmReader r)
    {
        var b = r.ReadByte();
        if (b != Opcodes.Prefix && b != Opcodes.SimdPrefix) return b;
        var sub = r.ReadU32();
        if (sub > 0xFF) throw r.Error($"illegal opcode 0x{b:x2} 0x{sub:x}");
        return (ushort)((b << 8) | (int)sub);
    }

    public static FuncType ReadBlockType(WasmReader r, FuncType[] types, int? functionIndex)
    {
        var at = r.AbsoluteOffset;
        var value = r.ReadS33();
        if (value >= 0)
        {
            if (value >= types.Length) throw new InvalidModuleException($"unknown type {value} in block type", at, functionIndex);
            return types[value];
        }
        return value switch
        {
            -64 => FuncType.Empty,
            -1 => SingleResult[0],
            -2 => SingleResult[1],
            -3 => SingleResult[2],
            -4 => SingleResult[3],
            -5 => SingleResult[4],
            -16 => SingleResult[5],
            -17 => SingleResult[6],
            _ => throw new MalformedModuleException($"malformed block type {value}", at),
        };
    }

    public static MemArg ReadMemArg(WasmReader r) => new(r.ReadU32(), r.ReadU32());

    /// <summary>The 16 little-endian bytes of <c>v128.const</c>, as its low and high halves.</summary>
    public static (ulong Low, ulong High) ReadV128(WasmReader r)
    {
        var bytes = r.ReadBytes(16).Span;
        return (BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
    }

    /// <summary>The reserved memory index byte of <c>memory.size</c>, <c>memory.grow</c> and the bulk memory ops.</summary>
    public static void ReadZeroByte(WasmReader r)
    {
        if (r.ReadByte() != 0) throw new MalformedModuleException("zero byte expected", r.AbsoluteOffset - 1);
    }

    /// <summary>Natural alignment exponent and accessed width in bytes of a load or store opcode.</summary>
    public static (int AlignLog2, int Width) MemoryAccess(ushort opcode) => opcode switch
    {
        Opcodes.I32Load or Opcodes.F32Load or Opcodes.I32Store or Opcodes.F32Store or Opcodes.I64Load32S
            or Opcodes.I64Load32U or Opcodes.I64Store32 => (2, 4),
        Opcodes.I64Load or Opcodes.F64Load or Opcodes.I64Store or Opcodes.F64Store => (3, 8),
        Opcodes.I32Load8S or Opcodes.I32Load8U or Opcodes.I64Load8S or Opcodes.I64Load8U or Opcodes.I32Store8
            or Opcodes.I64Store8 => (0, 1),
        _ => (1, 2),
    };

    /// <summary>The value type a load produces or a store consumes.</summary>
    public static ValueType MemoryValueType(ushort opcode) => opcode switch
    {
        Opcodes.I32Load or Opcodes.I32Load8S or Opcodes.I32Load8U or Opcodes.I32Load16S or Opcodes.I32Load16U
            or Opcodes.I32Store or Opcodes.I32Store8 or Opcodes.I32Store16 => ValueType.I32,
        Opcodes.F32Load or Opcodes.F32Store => ValueType.F32,
        Opcodes.F64Load or Opcodes.F64Store => ValueType.F64,
        _ => ValueType.I64,
    };
}
