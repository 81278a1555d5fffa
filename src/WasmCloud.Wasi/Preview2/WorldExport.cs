using WasmCloud.Components;
using WasmCloud.Components.Runtime;

namespace WasmCloud.Wasi.Preview2;

/// <summary>
/// A WASI interface a component exports (<c>wasi:cli/run</c>, <c>wasi:http/incoming-handler</c>) at whichever
/// 0.2.x patch version its toolchain named: found once in the component's type, then taken from each instance
/// by name.
/// </summary>
internal sealed class WorldExport
{
    private readonly string _exportName;
    private readonly string _function;

    private WorldExport(string exportName, string function) => (_exportName, _function) = (exportName, function);

    /// <summary>The export whose name starts with <paramref name="interfacePrefix"/> (say <c>wasi:cli/run@0.2.</c>).</summary>
    public static WorldExport Find(Component component, string interfacePrefix, string function, string missing)
    {
        var name = component.Type.Exports.Keys.FirstOrDefault(n => n.StartsWith(interfacePrefix, StringComparison.Ordinal))
            ?? throw new ComponentException($"the component exports no {interfacePrefix}x: {missing}");
        return new WorldExport(name, function);
    }

    public ComponentFunc In(ComponentInstance instance) => instance.GetInstance(_exportName)?.GetFunction(_function)
        ?? throw new ComponentException($"the component's {_exportName} export has no function '{_function}'");
}
