namespace WasmCloud.Wasm.Format;

/// <summary>The debug names from the <c>name</c> custom section, used for backtraces.</summary>
public sealed class NameSection
{
    public string? ModuleName { get; init; }
    public Dictionary<int, string> FunctionNames { get; } = [];
}
