using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>
/// A host function not yet tied to a store: a signature and a callback. Each instance importing it gets its
/// own <see cref="Func"/>, whose <see cref="Caller"/> names that instance. Linkers hold host functions this way.
/// </summary>
public sealed class HostFunction : Extern
{
    /// <summary>The trampoline last used, with its engine; one reference so concurrent readers never see half of it.</summary>
    private Stub? _lastStub;

    private sealed record Stub(Engine Engine, nint Trampoline);

    public HostFunction(FuncType type, HostFunctionCallback callback)
    {
        Type = type;
        Callback = callback;
    }

    public override ExternKind Kind => ExternKind.Function;
    public FuncType Type { get; }
    public HostFunctionCallback Callback { get; }

    /// <summary>The function as imported by <paramref name="instance"/>.</summary>
    internal Func Bind(Store store, Instance instance)
    {
        var stub = _lastStub;
        if (stub is null || stub.Engine != store.Engine) _lastStub = stub = new Stub(store.Engine, store.Engine.Stubs.HostTrampoline(Type));
        return new Func(store, Type, new HostFunctionContext(store, Type, Callback, instance), stub.Trampoline, null);
    }
}
