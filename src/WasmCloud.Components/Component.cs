using WasmCloud.Components.Decoding;
using WasmCloud.Components.Translation;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;

namespace WasmCloud.Components;

/// <summary>
/// A decoded, validated and compiled component: immutable, instantiable any number of times. Loading does
/// all the work that does not depend on imports — decoding, validation, compiling every core module, and
/// flattening the definitions into initializer steps.
/// </summary>
public sealed class Component
{
    private Component(Engine engine, ComponentPlan plan)
    {
        Engine = engine;
        Plan = plan;
    }

    public Engine Engine { get; }
    internal ComponentPlan Plan { get; }

    /// <summary>What the component imports and exports.</summary>
    public ComponentTypeInfo Type => Plan.Type;

    /// <summary>
    /// Loads a component binary. Errors are <see cref="MalformedModuleException"/>,
    /// <see cref="InvalidModuleException"/> or <see cref="UnsupportedFeatureException"/>.
    /// </summary>
    public static Component FromBytes(Engine engine, ReadOnlyMemory<byte> binary) =>
        new(engine, ComponentTranslator.Translate(engine, ComponentDecoder.Decode(binary)));
}
