using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>
/// A function: compiled guest code or a host callback, callable from the host and storable in tables.
/// Every function is a code pointer plus the context passed as its last argument.
/// </summary>
public sealed class Func : Extern
{
    // Read directly by compiled code for imported and indirect calls.
    internal readonly VmContext Context;
    internal readonly nint Code;
    internal readonly int TypeId;

    /// <summary>Keeps the collectible assembly holding <see cref="Code"/> alive.</summary>
    private readonly object? _codeOwner;

    internal Func(Store store, FuncType type, VmContext context, nint code, object? codeOwner)
        : this(store, type, store.Engine.TypeId(type), context, code, codeOwner)
    {
    }

    /// <summary>For a module's own functions, whose type ids the module has already looked up.</summary>
    internal Func(Store store, FuncType type, int typeId, VmContext context, nint code, object? codeOwner)
    {
        Store = store;
        Type = type;
        Context = context;
        Code = code;
        TypeId = typeId;
        _codeOwner = codeOwner;
    }

    public override ExternKind Kind => ExternKind.Function;
    public FuncType Type { get; }
    public Store Store { get; }

    /// <summary>Creates a host function callable by guest code (once imported) and by the host.</summary>
    public static Func FromCallback(Store store, FuncType type, HostFunctionCallback callback) =>
        new(store, type, new HostFunctionContext(store, type, callback, caller: null), store.Engine.Stubs.HostTrampoline(type), null);

    /// <summary>A host function as seen by the instance importing it, so that its callback learns its caller.</summary>
    internal Func BindCaller(Instance instance) =>
        Context is HostFunctionContext host
            ? new Func(Store, Type, new HostFunctionContext(Store, Type, host.Callback, instance), Code, _codeOwner)
            : this;

    public Value[] Call(params Value[] args) => Call(CancellationToken.None, args);

    /// <summary>Calls the function; cancelling <paramref name="cancellation"/> interrupts the guest with a trap.</summary>
    public Value[] Call(CancellationToken cancellation, params Value[] args)
    {
        var parameters = Type.Parameters;
        if (args.Length != parameters.Length)
            throw new WasmException($"function of type {Type} expects {parameters.Length} arguments, got {args.Length}");
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Type != parameters[i])
                throw new WasmException($"argument {i} has type {args[i].Type.Name()}, expected {parameters[i].Name()}");
        }
        var results = new Value[Type.Results.Length];
        var entry = Store.Engine.Stubs.Entry(Type);
        GuestCall.Run(Store, cancellation, budget => entry(Code, Context, args, results, budget));
        return results;
    }
}
