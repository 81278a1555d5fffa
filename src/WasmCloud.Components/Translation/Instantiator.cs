using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Translation;

/// <summary>Runs a plan's initializer steps in a fresh frame and returns the instance's exports.</summary>
internal static class Instantiator
{
    public static ComponentInstance Run(ComponentPlan plan, Store store, InstantiationFrame? outer, IReadOnlyDictionary<string, object?> arguments)
    {
        var frame = new InstantiationFrame(store, outer, arguments, plan.ResourceSlots);
        foreach (var step in plan.Steps) step.Run(frame);
        return new ComponentInstance(frame.Exports);
    }
}
