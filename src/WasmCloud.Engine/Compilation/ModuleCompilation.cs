using System.Reflection.Emit;
using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm.Compilation;

/// <summary>What every function compiler of one module shares: the definition and the emitted methods.</summary>
internal sealed class ModuleCompilation
{
    public ModuleCompilation(ModuleDefinition definition, MethodBuilder[] methods)
    {
        Definition = definition;
        Methods = methods;
    }

    public ModuleDefinition Definition { get; }

    /// <summary>One static method per defined function, in index order.</summary>
    public MethodBuilder[] Methods { get; }
}
