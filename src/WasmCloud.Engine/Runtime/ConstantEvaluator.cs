using System.Runtime.Intrinsics;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>Evaluates validated constant expressions during instantiation.</summary>
internal static class ConstantEvaluator
{
    public static Value Evaluate(ConstExpr expr, VmContext context)
    {
        var values = new List<Value>(2);
        foreach (var instruction in expr.Instructions)
        {
            var immediate = instruction.Immediate;
            switch (instruction.Opcode)
            {
                case Opcodes.I32Const: values.Add(Value.I32((int)immediate)); break;
                case Opcodes.I64Const: values.Add(Value.I64((long)immediate)); break;
                case Opcodes.F32Const: values.Add(Value.F32FromBits((uint)immediate)); break;
                case Opcodes.F64Const: values.Add(Value.F64FromBits(immediate)); break;
                case Opcodes.V128Const: values.Add(Value.V128(Vector128.Create(immediate, instruction.ImmediateHigh).AsByte())); break;
                case Opcodes.RefNull: values.Add(Value.Null((ValueType)immediate)); break;
                case Opcodes.RefFunc: values.Add(Value.FuncRef(context.Function((int)immediate))); break;
                case Opcodes.GlobalGet: values.Add(context.Globals[(int)immediate].Value); break;
                default:
                    var right = values[^1];
                    var left = values[^2];
                    values.RemoveRange(values.Count - 2, 2);
                    values.Add(Arithmetic(instruction.Opcode, left, right));
                    break;
            }
        }
        return values[0];
    }

    private static Value Arithmetic(ushort opcode, Value left, Value right) => opcode switch
    {
        Opcodes.I32Add => Value.I32(left.AsI32() + right.AsI32()),
        Opcodes.I32Sub => Value.I32(left.AsI32() - right.AsI32()),
        Opcodes.I32Mul => Value.I32(left.AsI32() * right.AsI32()),
        Opcodes.I64Add => Value.I64(left.AsI64() + right.AsI64()),
        Opcodes.I64Sub => Value.I64(left.AsI64() - right.AsI64()),
        Opcodes.I64Mul => Value.I64(left.AsI64() * right.AsI64()),
        _ => throw new WasmException($"opcode 0x{opcode:x2} is not constant"),
    };
}
