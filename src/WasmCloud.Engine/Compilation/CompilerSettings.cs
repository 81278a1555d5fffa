namespace WasmCloud.Wasm.Compilation;

/// <summary>The engine settings that shape compiled code, and so belong in the compile cache's key.</summary>
internal sealed record CompilerSettings(int SplitThreshold, bool ConsumeFuel)
{
    public static CompilerSettings From(EngineConfig config) => new(config.FunctionSplitThreshold, config.ConsumeFuel);

    public string CacheKey => $"s{SplitThreshold}{(ConsumeFuel ? "-fuel" : "")}";
}
