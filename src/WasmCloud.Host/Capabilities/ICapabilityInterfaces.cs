using WasmCloud.Components.Runtime;

namespace WasmCloud.Host.Capabilities;

/// <summary>A capability's interfaces as components import them, defined into each component's linker under its ID.</summary>
internal interface ICapabilityInterfaces
{
    void Define(ComponentLinker linker, string componentId);
}
