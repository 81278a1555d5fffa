namespace WasmCloud.Components.Format;

/// <summary>
/// Every index space of a component (the spec's <c>sort</c> and <c>core:sort</c>). Core sorts come first so
/// that a value below <see cref="Func"/> is a core sort.
/// </summary>
public enum Sort : byte
{
    CoreFunc,
    CoreTable,
    CoreMemory,
    CoreGlobal,
    CoreTag,
    CoreType,
    CoreModule,
    CoreInstance,
    Func,
    Value,
    Type,
    Component,
    Instance,
}

public static class SortExtensions
{
    public const int Count = (int)Sort.Instance + 1;

    public static bool IsCore(this Sort sort) => sort < Sort.Func;

    public static string Name(this Sort sort) => sort switch
    {
        Sort.CoreFunc => "core func",
        Sort.CoreTable => "core table",
        Sort.CoreMemory => "core memory",
        Sort.CoreGlobal => "core global",
        Sort.CoreTag => "core tag",
        Sort.CoreType => "core type",
        Sort.CoreModule => "core module",
        Sort.CoreInstance => "core instance",
        Sort.Func => "func",
        Sort.Value => "value",
        Sort.Type => "type",
        Sort.Component => "component",
        _ => "instance",
    };
}

/// <summary>A reference into one index space: <c>(sort idx)</c>.</summary>
public readonly record struct SortIndex(Sort Sort, int Index)
{
    public override string ToString() => $"{Sort.Name()} {Index}";
}
