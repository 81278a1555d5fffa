namespace WasmCloud.Wasm.Validation;

/// <summary>What validation learns about a function body that compilation needs up front.</summary>
public readonly record struct FunctionFacts(int MaxStackHeight, bool UsesMemory);
