using WasmCloud.Components.Types;
using WasmCloud.Wasm;

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

    /// <summary>Called from the core code of an instance in <paramref name="caller"/> (through <c>canon lower</c>).</summary>
    internal virtual ComponentValue? Invoke(Store caller, ComponentValue[] args) => Invoke(args);
}

/// <summary>
/// A function the host implements with dynamic values. The two-argument form also receives the store of the
/// instance that called it (null when the host calls it directly), so that one definition in a linker can
/// serve many stores, each with its own state in <see cref="Store.Data"/>.
/// </summary>
public sealed class HostFunc : ComponentFunc
{
    private readonly Func<Store?, ComponentValue[], ComponentValue?> _implementation;

    public HostFunc(FuncType type, Func<ComponentValue[], ComponentValue?> implementation) : this(type, (_, args) => implementation(args)) { }

    public HostFunc(FuncType type, Func<Store?, ComponentValue[], ComponentValue?> implementation) : base(type) => _implementation = implementation;

    internal override ComponentValue? Invoke(ComponentValue[] args) => _implementation(null, args);

    internal override ComponentValue? Invoke(Store caller, ComponentValue[] args) => _implementation(caller, args);
}
