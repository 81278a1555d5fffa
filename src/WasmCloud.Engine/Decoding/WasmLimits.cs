namespace WasmCloud.Wasm.Decoding;

/// <summary>
/// Upper bounds on what a module may declare, so that a hostile binary cannot make the host allocate
/// without bound. The figures follow the limits common engines (wasmparser, V8) apply.
/// </summary>
public static class WasmLimits
{
    public const int MaxTypes = 1_000_000;
    public const int MaxFunctions = 1_000_000;
    public const int MaxImports = 100_000;
    public const int MaxExports = 100_000;
    public const int MaxGlobals = 1_000_000;
    public const int MaxDataSegments = 100_000;
    public const int MaxElementSegments = 100_000;
    public const int MaxTables = 100;
    public const int MaxMemories = 100;
    public const int MaxNameLength = 100_000;
    public const int MaxParams = 1_000;
    public const int MaxResults = 1_000;
    public const int MaxFunctionLocals = 50_000;
    public const int MaxFunctionSize = 7_654_321;
    public const int MaxBrTableTargets = 1_000_000;
    public const int MaxTableElements = 10_000_000;
    public const int MaxConstExprLength = 1_000;
}
