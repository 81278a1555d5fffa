using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>The spec's import matching: kinds must agree, and types must match (with limits subtyping).</summary>
internal static class ImportMatching
{
    private static LinkException Incompatible(Import import, string detail) =>
        new($"incompatible import type for {import.Module}.{import.Name}: {detail}");

    private static T Expect<T>(Import import, Extern provided) where T : Extern =>
        provided as T ?? throw Incompatible(import, $"expected a {import.Kind.ToString().ToLowerInvariant()}, got a {provided.Kind.ToString().ToLowerInvariant()}");

    /// <summary>The imported function as the importing instance calls it: host functions learn their caller.</summary>
    public static Func Function(Import import, Extern provided, FuncType expected, Store store, Instance instance)
    {
        var type = provided switch
        {
            Func function => function.Type,
            HostFunction host => host.Type,
            _ => throw Incompatible(import, $"expected a function, got a {provided.Kind.ToString().ToLowerInvariant()}"),
        };
        if (!type.Equals(expected)) throw Incompatible(import, $"expected function {expected}, got {type}");
        return provided is HostFunction hostFunction ? hostFunction.Bind(store, instance) : ((Func)provided).BindCaller(instance);
    }

    public static Table Table(Import import, Extern provided)
    {
        var table = Expect<Table>(import, provided);
        if (table.ElementType != import.Table!.ElementType) throw Incompatible(import, "table element types differ");
        if (!table.CurrentLimits.IsSubtypeOf(import.Table.Limits)) throw Incompatible(import, $"table limits {table.CurrentLimits} do not match {import.Table.Limits}");
        return table;
    }

    public static Memory Memory(Import import, Extern provided)
    {
        var memory = Expect<Memory>(import, provided);
        if (!memory.CurrentLimits.IsSubtypeOf(import.Memory!.Limits)) throw Incompatible(import, $"memory limits {memory.CurrentLimits} do not match {import.Memory.Limits}");
        return memory;
    }

    public static Global Global(Import import, Extern provided)
    {
        var global = Expect<Global>(import, provided);
        if (global.Type != import.Global) throw Incompatible(import, $"expected global {import.Global}, got {global.Type}");
        return global;
    }
}
