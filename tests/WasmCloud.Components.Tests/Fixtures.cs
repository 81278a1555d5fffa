using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Tests;

/// <summary>The fixture components of <c>Fixtures/</c> (rebuilt by <c>Fixtures/build.sh</c>), copied next to the tests.</summary>
internal static class Fixtures
{
    public static readonly Engine Engine = new();

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static Component Load(string name) => Component.FromBytes(Engine, File.ReadAllBytes(PathOf(name + ".wasm")));

    /// <summary>An exported function of an exported interface.</summary>
    public static ComponentFunc Export(ComponentInstance instance, string iface, string function) =>
        instance.GetInstance(iface)?.GetFunction(function) ?? throw new InvalidOperationException($"no export {iface}#{function}");
}
