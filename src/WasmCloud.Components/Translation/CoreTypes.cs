using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Format;

namespace WasmCloud.Components.Translation;

/// <summary>Static types of core modules and core instances, and the core import matching rules between them.</summary>
internal static class CoreTypes
{
    public static CoreModuleTypeInfo OfModule(Module module)
    {
        var d = module.Definition;
        var imports = d.Imports.Select(i => (i.Module, i.Name, OfImport(d, i))).ToList();
        var exports = new Dictionary<string, CoreExternInfo>(StringComparer.Ordinal);
        foreach (var e in d.Exports)
        {
            exports[e.Name] = e.Kind switch
            {
                ExternKind.Function => new CoreExternInfo(e.Kind, d.FunctionType(e.Index), null, null, null),
                ExternKind.Table => new CoreExternInfo(e.Kind, null, d.Tables[e.Index], null, null),
                ExternKind.Memory => new CoreExternInfo(e.Kind, null, null, d.Memories[e.Index], null),
                _ => new CoreExternInfo(e.Kind, null, null, null, d.Globals[e.Index]),
            };
        }
        return new CoreModuleTypeInfo(imports, exports);
    }

    private static CoreExternInfo OfImport(ModuleDefinition d, Import i) =>
        new(i.Kind, i.Kind == ExternKind.Function ? d.Types[i.FunctionTypeIndex] : null, i.Table, i.Memory, i.Global);

    /// <summary>A module type declared in a component (<c>core:moduletype</c>), with its own core type space.</summary>
    public static CoreModuleTypeInfo OfModuleType(CoreModuleTypeSyntax syntax, Scope outer, int offset)
    {
        var types = new List<object>();
        var imports = new List<(string, string, CoreExternInfo)>();
        var exports = new Dictionary<string, CoreExternInfo>(StringComparer.Ordinal);
        foreach (var declaration in syntax.Declarations)
        {
            switch (declaration)
            {
                case CoreTypeInModuleDeclaration t: types.Add(((CoreFuncTypeSyntax)t.Type).Type); break;
                case CoreOuterAliasDeclaration a:
                    types.Add(a.Count == 0
                        ? Index(types, a.Index, offset)
                        : outer.Outer(a.Count - 1, offset).Get(Sort.CoreType, a.Index, offset));
                    break;
                case CoreImportDeclaration i: imports.Add((i.Module, i.Name, Resolve(i.Type, types, offset))); break;
                case CoreExportDeclaration e:
                    if (!exports.TryAdd(e.Name, Resolve(e.Type, types, offset))) throw new InvalidModuleException($"duplicate export name `{e.Name}` already defined", offset);
                    break;
            }
        }
        return new CoreModuleTypeInfo(imports, exports);
    }

    private static object Index(List<object> types, int index, int offset) =>
        (uint)index < (uint)types.Count ? types[index] : throw new InvalidModuleException($"unknown type {index}: type index out of bounds", offset);

    private static CoreExternInfo Resolve(CoreExternTypeSyntax syntax, List<object> types, int offset) => syntax.Kind == ExternKind.Function
        ? new CoreExternInfo(syntax.Kind, Index(types, syntax.FunctionTypeIndex, offset) as Wasm.Format.FuncType
            ?? throw new InvalidModuleException("core function import must refer to a function type", offset), null, null, null)
        : new CoreExternInfo(syntax.Kind, null, syntax.Table, syntax.Memory, syntax.Global);

    /// <summary>Core import matching: same kind, equal function and global types, limits subtyping.</summary>
    public static string? Mismatch(CoreExternInfo expected, CoreExternInfo actual)
    {
        if (expected.Kind != actual.Kind) return $"expected {expected.Kind.ToString().ToLowerInvariant()}, found {actual.Kind.ToString().ToLowerInvariant()}";
        return expected.Kind switch
        {
            ExternKind.Function when !expected.Func!.Equals(actual.Func) => $"expected func of type {expected.Func}, found {actual.Func}",
            ExternKind.Table when expected.Table!.ElementType != actual.Table!.ElementType || !actual.Table.Limits.IsSubtypeOf(expected.Table.Limits) => "table types incompatible",
            ExternKind.Memory when !actual.Memory!.Limits.IsSubtypeOf(expected.Memory!.Limits) => "memory types incompatible",
            ExternKind.Global when expected.Global != actual.Global => "global types incompatible",
            _ => null,
        };
    }

    public static Sort SortOf(ExternKind kind) => kind switch
    {
        ExternKind.Function => Sort.CoreFunc,
        ExternKind.Table => Sort.CoreTable,
        ExternKind.Memory => Sort.CoreMemory,
        _ => Sort.CoreGlobal,
    };

    public static object InfoOf(CoreExternInfo info) => info.Kind switch
    {
        ExternKind.Function => info.Func!,
        ExternKind.Table => info.Table!,
        ExternKind.Memory => info.Memory!,
        _ => info.Global!,
    };
}
