using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using WasmCloud.Wasm.Decoding;
using WasmCloud.Wasm.Format;
using static WasmCloud.Wasm.Decoding.InstructionImmediates;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Compilation;

/// <summary>SIMD instructions: immediates and addresses go on the IL stack, then the sub-opcode's helper is called.</summary>
internal sealed partial class FunctionCompiler
{
    private void CompileSimd(uint subOpcode, WasmReader r, ushort previousOpcode)
    {
        if (subOpcode == SimdOps.Const)
        {
            var (low, high) = ReadV128(r);
            if (OpaqueFloatConstants.V128FieldFor(low, high) is { } field)
                _il.Op(OpCodes.Ldsfld, typeof(OpaqueFloatConstants).GetField(field)!);
            else EmitV128Constant(low, high, opaque: OpaqueFloatConstants.HoldsSignallingNaN(low, high));
            Push(ValueType.V128);
            return;
        }

        var instruction = SimdOps.Of(subOpcode)!;
        // The JIT cancels a promotion followed by a demotion, which would keep a signalling NaN signalling.
        var helper = subOpcode == SimdOps.DemoteF64x2Zero && previousOpcode == (Opcodes.SimdPrefix << 8 | SimdOps.PromoteLowF32x4)
            ? ClrTypes.Method(typeof(SimdConversions), nameof(SimdConversions.F32x4DemoteF64x2ZeroOpaque))
            : SimdEmitter.Helper(subOpcode);
        switch (instruction.Immediate)
        {
            case SimdImmediate.MemArg or SimdImmediate.MemArgLane:
                EmitSimdAddress(instruction, ReadMemArg(r));
                if (instruction.Immediate == SimdImmediate.MemArgLane) _il.LoadConstant(r.ReadByte());
                break;
            case SimdImmediate.Lane: _il.LoadConstant(r.ReadByte()); break;
            case SimdImmediate.ShuffleLanes:
            {
                var (low, high) = ReadV128(r);
                EmitV128Constant(low, high);
                break;
            }
        }
        _il.Op(OpCodes.Call, helper);
        PopMany(instruction.Operands.Length);
        foreach (var result in instruction.Results) Push(result);
    }

    /// <summary>Pushes a v128 constant; an opaque one is built out of line, where the JIT cannot fold it.</summary>
    private void EmitV128Constant(ulong low, ulong high, bool opaque = false)
    {
        _il.Op(OpCodes.Ldc_I8, (long)low);
        _il.Op(OpCodes.Ldc_I8, (long)high);
        _il.Op(OpCodes.Call, opaque ? ClrTypes.Method(typeof(SimdLanes), nameof(SimdLanes.ConstantOpaque)) : SimdEmitter.Helper(SimdOps.Const));
    }

    /// <summary>
    /// Turns the address operand into a checked pointer for the access's width. When a v128 operand lies
    /// above the address (stores, lane accesses), it is set aside and pushed again after the pointer.
    /// </summary>
    private void EmitSimdAddress(SimdInstruction instruction, MemArg memArg)
    {
        if (instruction.Operands is not [_, ValueType.V128])
        {
            EmitAddress(memArg, instruction.MemoryWidth);
            return;
        }
        var value = RentTemporary(typeof(Vector128<byte>));
        _il.Op(OpCodes.Stloc, value);
        EmitAddress(memArg, instruction.MemoryWidth);
        _il.Op(OpCodes.Ldloc, value);
        ReturnTemporary(value);
    }
}
