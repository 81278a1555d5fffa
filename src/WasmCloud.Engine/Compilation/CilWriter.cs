using System.Reflection;
using System.Reflection.Emit;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// An <see cref="ILGenerator"/> that can be switched off: the compiler walks unreachable Wasm code to
/// keep its bookkeeping, but nothing of it is emitted.
/// </summary>
internal sealed class CilWriter
{
    private readonly ILGenerator _il;

    public CilWriter(ILGenerator il) => _il = il;

    public bool Live { get; set; } = true;

    public Label DefineLabel() => _il.DefineLabel();
    public LocalBuilder DeclareLocal(Type type) => _il.DeclareLocal(type);

    public void Mark(Label label)
    {
        if (Live) _il.MarkLabel(label);
    }

    /// <summary>Marks a label even in dead code: for labels that forward branches already target.</summary>
    public void MarkAlways(Label label) => _il.MarkLabel(label);

    public void Op(OpCode op) { if (Live) _il.Emit(op); }
    public void Op(OpCode op, int arg) { if (Live) _il.Emit(op, arg); }
    public void Op(OpCode op, long arg) { if (Live) _il.Emit(op, arg); }
    public void Op(OpCode op, float arg) { if (Live) _il.Emit(op, arg); }
    public void Op(OpCode op, double arg) { if (Live) _il.Emit(op, arg); }
    public void Op(OpCode op, Label label) { if (Live) _il.Emit(op, label); }
    public void Op(OpCode op, Label[] labels) { if (Live) _il.Emit(op, labels); }
    public void Op(OpCode op, LocalBuilder local) { if (Live) _il.Emit(op, local); }
    public void Op(OpCode op, MethodInfo method) { if (Live) _il.Emit(op, method); }
    public void Op(OpCode op, ConstructorInfo constructor) { if (Live) _il.Emit(op, constructor); }
    public void Op(OpCode op, FieldInfo field) { if (Live) _il.Emit(op, field); }
    public void Op(OpCode op, Type type) { if (Live) _il.Emit(op, type); }

    public void Calli(Type returnType, Type[] parameterTypes)
    {
        if (Live) _il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, returnType, parameterTypes, null);
    }

    public void LoadArgument(int index)
    {
        if (!Live) return;
        switch (index)
        {
            case 0: _il.Emit(OpCodes.Ldarg_0); break;
            case 1: _il.Emit(OpCodes.Ldarg_1); break;
            case 2: _il.Emit(OpCodes.Ldarg_2); break;
            case 3: _il.Emit(OpCodes.Ldarg_3); break;
            case <= 255: _il.Emit(OpCodes.Ldarg_S, (byte)index); break;
            default: _il.Emit(OpCodes.Ldarg, (short)index); break;
        }
    }

    public void StoreArgument(int index)
    {
        if (!Live) return;
        if (index <= 255) _il.Emit(OpCodes.Starg_S, (byte)index);
        else _il.Emit(OpCodes.Starg, (short)index);
    }

    public void LoadConstant(int value)
    {
        if (!Live) return;
        switch (value)
        {
            case >= -1 and <= 8: _il.Emit(value switch
            {
                -1 => OpCodes.Ldc_I4_M1, 0 => OpCodes.Ldc_I4_0, 1 => OpCodes.Ldc_I4_1, 2 => OpCodes.Ldc_I4_2,
                3 => OpCodes.Ldc_I4_3, 4 => OpCodes.Ldc_I4_4, 5 => OpCodes.Ldc_I4_5, 6 => OpCodes.Ldc_I4_6,
                7 => OpCodes.Ldc_I4_7, _ => OpCodes.Ldc_I4_8,
            }); break;
            case >= sbyte.MinValue and <= sbyte.MaxValue: _il.Emit(OpCodes.Ldc_I4_S, (sbyte)value); break;
            default: _il.Emit(OpCodes.Ldc_I4, value); break;
        }
    }
}
