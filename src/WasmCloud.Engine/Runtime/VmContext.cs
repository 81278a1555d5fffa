namespace WasmCloud.Wasm;

/// <summary>
/// The per-instance state compiled code reaches through its last parameter. Host functions get a
/// <see cref="HostFunctionContext"/> in the same position, so every function has one calling convention:
/// <c>R f(params..., int stackBudget, VmContext context)</c>.
/// </summary>
internal class VmContext
{
    internal Memory? Memory0;
    internal Table[] Tables = [];
    internal Global[] Globals = [];
    /// <summary>
    /// The function objects by slot (<see cref="InstantiationPlan.FunctionSlots"/>): imports at instantiation,
    /// the module's own functions on first use (<see cref="Function"/>).
    /// </summary>
    internal Func?[] Functions = [];
    internal ReadOnlyMemory<byte>[] DataSegments = [];

    /// <summary>False while <see cref="DataSegments"/> is the module's shared table, which must be copied before a drop.</summary>
    internal bool OwnsDataSegments;
    internal object?[][] ElementSegments = [];

    /// <summary>The engine's identity of each of the module's types, compared by <c>call_indirect</c>.</summary>
    internal int[] TypeIds = [];
    internal readonly Store Store;
    internal Instance? Instance;

    /// <summary>
    /// Non-zero once the store is interrupted; polled by compiled code at function entry and loop headers.
    /// Each instance holds its own copy so the poll is a single load from the context register.
    /// </summary>
    internal int Interrupted;

    /// <summary>
    /// The least stack budget a function may enter with: 0, or above any budget while <see cref="Interrupted"/> is
    /// set, so that the prologue's one comparison also catches interruption.
    /// </summary>
    internal int BudgetFloor;

    /// <summary>The store's fuel, charged by compiled code when the engine consumes fuel.</summary>
    internal readonly FuelTank Fuel;

    internal VmContext(Store store)
    {
        Store = store;
        Fuel = store.FuelTank;
    }

    /// <summary>The object of function <paramref name="index"/> (one that can be named: validation sees to it), created on first use.</summary>
    internal Func Function(int index)
    {
        var module = Instance!.Module;
        var slot = module.Plan.FunctionSlots[index];
        if (Functions[slot] is { } existing) return existing;
        var definition = module.Definition;
        var typeIndex = definition.FunctionTypes[index];
        var code = module.Code;
        return Functions[slot] = new Func(Store, definition.Types[typeIndex], module.TypeIds[typeIndex], this,
            code.FunctionPointers[index - definition.ImportedFunctionCount], code);
    }
}

/// <summary>The context of a host function: the callback, and the instance it was imported into.</summary>
internal sealed class HostFunctionContext : VmContext
{
    internal readonly HostFunctionCallback Callback;
    internal readonly Format.FuncType Type;

    internal HostFunctionContext(Store store, Format.FuncType type, HostFunctionCallback callback, Instance? caller) : base(store)
    {
        Type = type;
        Callback = callback;
        Instance = caller;
    }
}

/// <summary>Fuel left to a store's guest code; a class so every instance of the store charges the same tank.</summary>
internal sealed class FuelTank
{
    internal long Remaining = long.MaxValue;
}
