using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>Anything an instance can import or export: a function, table, memory or global.</summary>
public abstract class Extern
{
    public abstract ExternKind Kind { get; }
}
