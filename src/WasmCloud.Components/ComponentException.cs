using WasmCloud.Wasm;

namespace WasmCloud.Components;

/// <summary>An error about a component: linking, instantiation, or a use of the component API.</summary>
public class ComponentException : WasmException
{
    public ComponentException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>
/// The component uses a feature this runtime leaves out (async, threads, error-context, values, start).
/// Kept apart from malformed/invalid so that a test runner can count it as "not runnable", never as a pass.
/// </summary>
public sealed class UnsupportedFeatureException : ComponentException
{
    public UnsupportedFeatureException(string feature, long offset)
        : base($"unsupported component-model feature at byte offset {offset}: {feature}")
    {
        Feature = feature;
    }

    public string Feature { get; }
}

/// <summary>
/// A trap raised by the canonical ABI or the component runtime (invalid values, handle misuse, re-entrance).
/// Core traps inside guest code stay <see cref="WasmTrap"/>.
/// </summary>
public sealed class ComponentTrap : ComponentException
{
    public ComponentTrap(string message) : base(message) { }
}
