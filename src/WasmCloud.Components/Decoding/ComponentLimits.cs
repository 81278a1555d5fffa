namespace WasmCloud.Components.Decoding;

/// <summary>
/// Upper bounds on what a component may declare, so that hostile counts cannot force large allocations
/// (in addition to every count being checked against the bytes that remain). Figures follow wasmparser.
/// </summary>
public static class ComponentLimits
{
    public const int MaxDefinitionsPerSection = 1_000_000;
    public const int MaxTypeSize = 1_000_000;
    public const int MaxArgs = 100_000;
    public const int MaxNesting = 100;
    public const int MaxFlags = 32;
    public const int MaxFlatParams = 16;
    public const int MaxFlatResults = 1;
}
