using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// How Wasm types map to CLR types in compiled code. Several results travel as a (nested) ValueTuple,
/// which the JIT keeps in registers where it can.
/// </summary>
internal static class ClrTypes
{
    private static readonly Type[] OpenTuples =
    [
        typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>),
        typeof(ValueTuple<,,,,>), typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>), typeof(ValueTuple<,,,,,,,>),
    ];

    public static Type Of(ValueType type) => type switch
    {
        ValueType.I32 => typeof(int),
        ValueType.I64 => typeof(long),
        ValueType.F32 => typeof(float),
        ValueType.F64 => typeof(double),
        ValueType.FuncRef or ValueType.ExternRef => typeof(object),
        ValueType.V128 => typeof(Vector128<byte>),
        _ => typeof(int), // unknown types only occur in dead code, which emits nothing
    };

    public static Type ReturnType(ValueType[] results) => results.Length switch
    {
        0 => typeof(void),
        1 => Of(results[0]),
        _ => TupleType(results, 0),
    };

    /// <summary>Parameters of the uniform calling convention: the Wasm parameters, the stack budget, the context.</summary>
    public static Type[] ParameterTypes(FuncType type)
    {
        var types = new Type[type.Parameters.Length + 2];
        for (var i = 0; i < type.Parameters.Length; i++) types[i] = Of(type.Parameters[i]);
        types[^2] = typeof(int);
        types[^1] = typeof(VmContext);
        return types;
    }

    private static Type TupleType(ValueType[] types, int start)
    {
        var count = types.Length - start;
        if (count <= 7) return OpenTuples[count - 1].MakeGenericType(types[start..].Select(Of).ToArray());
        return OpenTuples[7].MakeGenericType([.. types[start..(start + 7)].Select(Of), TupleType(types, start + 7)]);
    }

    /// <summary>Packs the values on top of the IL stack (in order) into the result tuple.</summary>
    public static void EmitPack(CilWriter il, ValueType[] types, int start = 0)
    {
        var count = types.Length - start;
        if (count > 7) EmitPack(il, types, start + 7);
        var tuple = TupleType(types, start);
        il.Op(OpCodes.Newobj, tuple.GetConstructors()[0]);
    }

    /// <summary>Spreads a result tuple held in <paramref name="tuple"/> onto the IL stack, in order.</summary>
    public static void EmitUnpack(CilWriter il, ValueType[] types, LocalBuilder tuple)
    {
        for (var i = 0; i < types.Length; i++) EmitLoadItem(il, types, tuple, i);
    }

    /// <summary>Pushes item <paramref name="item"/> of a result tuple held in <paramref name="tuple"/>.</summary>
    public static void EmitLoadItem(CilWriter il, ValueType[] types, LocalBuilder tuple, int item)
    {
        il.Op(OpCodes.Ldloca, tuple);
        var current = TupleType(types, 0);
        while (item >= 7)
        {
            var rest = current.GetField("Rest")!;
            il.Op(OpCodes.Ldflda, rest);
            current = rest.FieldType;
            item -= 7;
        }
        il.Op(OpCodes.Ldfld, current.GetField($"Item{item + 1}")!);
    }

    public static Type TupleOf(ValueType[] types) => TupleType(types, 0);

    /// <summary>Loads a value of a numeric or vector type from the address on the stack.</summary>
    public static void EmitLoadIndirect(CilWriter il, ValueType type)
    {
        switch (type)
        {
            case ValueType.I32: il.Op(OpCodes.Ldind_I4); break;
            case ValueType.I64: il.Op(OpCodes.Ldind_I8); break;
            case ValueType.F32: il.Op(OpCodes.Ldind_R4); break;
            case ValueType.F64: il.Op(OpCodes.Ldind_R8); break;
            default: il.Op(OpCodes.Ldobj, typeof(System.Runtime.Intrinsics.Vector128<byte>)); break;
        }
    }

    /// <summary>Stores a value of a numeric or vector type (on top of the stack) at the address below it.</summary>
    public static void EmitStoreIndirect(CilWriter il, ValueType type)
    {
        switch (type)
        {
            case ValueType.I32: il.Op(OpCodes.Stind_I4); break;
            case ValueType.I64: il.Op(OpCodes.Stind_I8); break;
            case ValueType.F32: il.Op(OpCodes.Stind_R4); break;
            case ValueType.F64: il.Op(OpCodes.Stind_R8); break;
            default: il.Op(OpCodes.Stobj, typeof(System.Runtime.Intrinsics.Vector128<byte>)); break;
        }
    }

    public static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
        ?? throw new MissingMethodException(type.Name, name);

    public static FieldInfo Field(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new MissingFieldException(type.Name, name);
}
