namespace WasmCloud.Wasm.Compilation;

/// <summary>The result of compiling a module: the emitted type and an entry point per defined function.</summary>
internal sealed class CompiledCode
{
    public CompiledCode(Type type, nint[] functionPointers)
    {
        Type = type;
        FunctionPointers = functionPointers;
    }

    /// <summary>Holding the type keeps the collectible assembly, and so the code, alive.</summary>
    public Type Type { get; }

    public nint[] FunctionPointers { get; }
}
