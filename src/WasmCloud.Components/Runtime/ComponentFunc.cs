using WasmCloud.Components.Types;

namespace WasmCloud.Components.Runtime;

/// <summary>A component-level function: lifted from a core function, or defined by the host.</summary>
public abstract class ComponentFunc
{
    protected ComponentFunc(FuncType type) => Type = type;

    public FuncType Type { get; }

    /// <summary>Calls the function with dynamic values; returns its result, or null when it has none.</summary>
    public ComponentValue? Call(params ComponentValue[] args)
    {
        if (args.Length != Type.Parameters.Length)
            throw new ComponentException($"function {Type} expects {Type.Parameters.Length} arguments, got {args.Length}");
        return Invoke(args);
    }

    internal abstract ComponentValue? Invoke(ComponentValue[] args);
}

/// <summary>A function the host implements with dynamic values.</summary>
public sealed class HostFunc(FuncType type, Func<ComponentValue[], ComponentValue?> implementation) : ComponentFunc(type)
{
    internal override ComponentValue? Invoke(ComponentValue[] args) => implementation(args);
}
