using System.Runtime.Intrinsics;
using System.Reflection;
using WasmCloud.Wasm.Compilation;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>Conversions between <see cref="Value"/> arrays and typed CLR values, called by the emitted stubs.</summary>
internal static class StubSupport
{
    public static int GetI32(Value[] values, int index) => values[index].AsI32();
    public static long GetI64(Value[] values, int index) => values[index].AsI64();
    public static float GetF32(Value[] values, int index) => values[index].AsF32();
    public static double GetF64(Value[] values, int index) => values[index].AsF64();
    public static Vector128<byte> GetV128(Value[] values, int index) => values[index].AsV128();
    public static object? GetReference(Value[] values, int index) => values[index].AsReference();

    public static void SetI32(Value[] values, int index, int value) => values[index] = Value.I32(value);
    public static void SetI64(Value[] values, int index, long value) => values[index] = Value.I64(value);
    public static void SetF32(Value[] values, int index, float value) => values[index] = Value.F32(value);
    public static void SetF64(Value[] values, int index, double value) => values[index] = Value.F64(value);
    public static void SetV128(Value[] values, int index, Vector128<byte> value) => values[index] = Value.V128(value);
    public static void SetFuncRef(Value[] values, int index, object? value) => values[index] = Value.FuncRef((Func?)value);
    public static void SetExternRef(Value[] values, int index, object? value) => values[index] = Value.ExternRef(value);

    public static MethodInfo Getter(ValueType type) => ClrTypes.Method(typeof(StubSupport), type switch
    {
        ValueType.I32 => nameof(GetI32),
        ValueType.I64 => nameof(GetI64),
        ValueType.F32 => nameof(GetF32),
        ValueType.F64 => nameof(GetF64),
        ValueType.V128 => nameof(GetV128),
        ValueType.FuncRef or ValueType.ExternRef => nameof(GetReference),
        _ => throw new WasmException($"values of type {type.Name()} have no getter"),
    });

    public static MethodInfo Setter(ValueType type) => ClrTypes.Method(typeof(StubSupport), type switch
    {
        ValueType.I32 => nameof(SetI32),
        ValueType.I64 => nameof(SetI64),
        ValueType.F32 => nameof(SetF32),
        ValueType.F64 => nameof(SetF64),
        ValueType.V128 => nameof(SetV128),
        ValueType.FuncRef => nameof(SetFuncRef),
        ValueType.ExternRef => nameof(SetExternRef),
        _ => throw new WasmException($"values of type {type.Name()} have no setter"),
    });

    /// <summary>Runs a host function for guest code and checks that it produced results of the declared types.</summary>
    public static Value[] CallHost(VmContext context, Value[] args, int budget)
    {
        var host = (HostFunctionContext)context;
        var resultTypes = host.Type.Results;
        var results = new Value[resultTypes.Length];
        for (var i = 0; i < results.Length; i++) results[i] = Value.Default(resultTypes[i]);
        var saved = GuestThreads.EnterHostFunction(budget);
        try
        {
            host.Callback(new Caller(host.Store, host.Instance), args, results);
        }
        finally
        {
            GuestThreads.LeaveHostFunction(saved);
        }
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Type != resultTypes[i])
                throw new WasmException($"host function returned {results[i].Type.Name()} for result {i}, declared {resultTypes[i].Name()}");
        }
        return results;
    }
}
