using System.Text;
using WasmCloud.Components.Types;

namespace WasmCloud.Components.Wit;

/// <summary>The body of one interface: its <c>use</c> items, type definitions (resources with their functions), then functions.</summary>
internal static class WitInterfacePrinter
{
    public static string Print(WitTypeNames names, WitUsePath? iface, InstanceTypeInfo instance, string indent)
    {
        var scope = names.Scope(iface);
        var functions = instance.Exports.Where(e => e.Value is FuncExtern).Select(e => (Export: e.Key, ((FuncExtern)e.Value).Type)).ToList();
        // Resources come before the types their methods mention in toolchains' export order, so every type this
        // interface defines is named before any definition is printed.
        foreach (var (name, info) in instance.Exports)
            if (info is TypeExtern { Type: var declared } && WitTypeNames.Key(declared) is { } key && names.Owner(key) is null) names.Own(key, iface, name);
        var types = new StringBuilder();
        foreach (var (name, info) in instance.Exports)
        {
            if (info is not TypeExtern type) continue;
            var members = functions.Where(f => ResourceOf(f.Export) == name).ToList();
            types.Append(scope.Define(name, type.Type, indent, members));
        }
        var free = new StringBuilder();
        foreach (var (name, function) in functions.Where(f => ResourceOf(f.Export) is null))
            free.Append($"{indent}{WitTypeScope.Escape(name)}: {scope.Func(function, skipSelf: false)};\n");
        foreach (var (name, info) in instance.Exports)
            if (info is not (TypeExtern or FuncExtern)) throw new ComponentException($"interface export `{name}` is not a type or function, which WIT cannot describe");
        return scope.Uses(indent) + types + free;
    }

    /// <summary>The resource a <c>[constructor]r</c>, <c>[method]r.m</c> or <c>[static]r.m</c> function belongs to.</summary>
    private static string? ResourceOf(string export)
    {
        if (!export.StartsWith('[')) return null;
        var rest = export[(export.IndexOf(']') + 1)..];
        return rest.IndexOf('.') is var dot and >= 0 ? rest[..dot] : rest;
    }
}
