namespace WasmCloud.Components.Runtime;

/// <summary>An instantiated component (or an instance built from inline exports): its exports by name.</summary>
public sealed class ComponentInstance
{
    internal ComponentInstance(IReadOnlyDictionary<string, object?> exports) => Exports = exports;

    /// <summary>Each export: a <see cref="ComponentFunc"/>, <see cref="ComponentInstance"/>, <see cref="ResourceType"/> or core module.</summary>
    public IReadOnlyDictionary<string, object?> Exports { get; }

    public ComponentFunc? GetFunction(string name) => Exports.GetValueOrDefault(name) as ComponentFunc;
    public ComponentInstance? GetInstance(string name) => Exports.GetValueOrDefault(name) as ComponentInstance;
}
