using System.Reflection.Emit;
using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm.Compilation;

/// <summary>What every function compiler of one module shares: the definition and the emitted methods.</summary>
internal sealed class ModuleCompilation
{
    private readonly TypeBuilder _type;
    private int _chunkCount;

    public ModuleCompilation(ModuleDefinition definition, TypeBuilder type, MethodBuilder[] methods, bool consumeFuel)
    {
        Definition = definition;
        _type = type;
        Methods = methods;
        ConsumeFuel = consumeFuel;
    }

    /// <summary>Whether compiled code charges fuel at function entries and loop iterations.</summary>
    public bool ConsumeFuel { get; }

    public ModuleDefinition Definition { get; }

    /// <summary>One static method per defined function, in index order.</summary>
    public MethodBuilder[] Methods { get; }

    /// <summary>A method for one chunk of a split function: <c>int chunk(byte* locals, object[] references, int budget, VmContext)</c>.</summary>
    public MethodBuilder DefineChunk(int functionIndex)
    {
        var method = _type.DefineMethod($"{CompiledCodeRegistry.MethodName(functionIndex)}#{++_chunkCount}",
            System.Reflection.MethodAttributes.Public | System.Reflection.MethodAttributes.Static, typeof(int),
            [typeof(byte*), typeof(object[]), typeof(int), typeof(VmContext)]);
        method.SetImplementationFlags(System.Reflection.MethodImplAttributes.AggressiveOptimization);
        return method;
    }
}
