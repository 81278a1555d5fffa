namespace WasmCloud.Wasm;

/// <summary>Signature of a host function: read <paramref name="args"/>, write every slot of <paramref name="results"/>.</summary>
public delegate void HostFunctionCallback(Caller caller, ReadOnlySpan<Value> args, Span<Value> results);

/// <summary>What a host function knows about its call: the store and the instance that imported it.</summary>
public readonly struct Caller
{
    internal Caller(Store store, Instance? instance)
    {
        Store = store;
        Instance = instance;
    }

    public Store Store { get; }

    /// <summary>The instance whose code called the function (null when called directly from the host).</summary>
    public Instance? Instance { get; }

    /// <summary>The calling instance's memory, exported or not.</summary>
    public Memory? Memory => Instance?.Context.Memory0;
}
