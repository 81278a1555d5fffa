using WasmCloud.Wasm.Format;
using WasmCloud.Wasm;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.SpecTests;

/// <summary>The <c>spectest</c> module every spec script may import from.</summary>
internal static class SpectestHost
{
    public static void Define(Linker linker, Store store)
    {
        void Print(string name, params ValueType[] parameters) =>
            linker.Define("spectest", name, Func.FromCallback(store, new FuncType(parameters, []), (_, _, _) => { }));
        Print("print");
        Print("print_i32", ValueType.I32);
        Print("print_i64", ValueType.I64);
        Print("print_f32", ValueType.F32);
        Print("print_f64", ValueType.F64);
        Print("print_i32_f32", ValueType.I32, ValueType.F32);
        Print("print_f64_f64", ValueType.F64, ValueType.F64);
        linker.Define("spectest", "global_i32", new Global(new GlobalType(ValueType.I32, false), Value.I32(666)));
        linker.Define("spectest", "global_i64", new Global(new GlobalType(ValueType.I64, false), Value.I64(666)));
        linker.Define("spectest", "global_f32", new Global(new GlobalType(ValueType.F32, false), Value.F32(666.6f)));
        linker.Define("spectest", "global_f64", new Global(new GlobalType(ValueType.F64, false), Value.F64(666.6)));
        linker.Define("spectest", "table", new Table(new TableType(ValueType.FuncRef, new Limits(10, 20))));
        linker.Define("spectest", "memory", new Memory(new MemoryType(new Limits(1, 2))));
    }
}
