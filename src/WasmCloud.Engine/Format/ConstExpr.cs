namespace WasmCloud.Wasm.Format;

/// <summary>One instruction of a constant expression, with its immediate (for <c>v128.const</c>, the low half, and <paramref name="ImmediateHigh"/> the high half).</summary>
public readonly record struct ConstInstruction(ushort Opcode, ulong Immediate, ulong ImmediateHigh = 0);

/// <summary>
/// A constant expression (global initialisers, segment offsets, element items): the instructions
/// without the final <c>end</c>. Validity (which instructions, which globals) is checked by the validator.
/// </summary>
public sealed class ConstExpr
{
    public ConstExpr(ConstInstruction[] instructions, int offset)
    {
        Instructions = instructions;
        Offset = offset;
    }

    public ConstInstruction[] Instructions { get; }

    /// <summary>Byte offset in the module binary.</summary>
    public int Offset { get; }

    /// <summary>The function index when the expression is a lone <c>ref.func</c>; otherwise -1.</summary>
    public int RefFuncIndex => Instructions is [{ Opcode: Opcodes.RefFunc } only] ? (int)only.Immediate : -1;
}
