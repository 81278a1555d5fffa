using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;
using FuncType = WasmCloud.Components.Types.FuncType;

namespace WasmCloud.Components.Translation;

/// <summary>
/// Component and instance types: their declarators, each validated in a fresh scope nested in the
/// enclosing one, and the <c>externtype</c>s of imports and exports.
/// </summary>
internal static class Declarations
{
    public static TypeInfo Resolve(Scope scope, DefTypeSyntax syntax, int offset, Engine engine) =>
        TypeResolver.Resolve(scope, syntax, offset, (declarations, outer, component) => Declare(declarations, outer, component, engine));

    private static TypeInfo Declare(Declaration[] declarations, Scope outer, bool component, Engine engine)
    {
        var scope = new Scope(outer, isComponent: false);
        var imports = new Dictionary<string, ExternInfo>(StringComparer.Ordinal);
        var exports = new Dictionary<string, ExternInfo>(StringComparer.Ordinal);
        var importNames = new NameSet("import");
        var exportNames = new NameSet("export");
        var defined = new List<ResourceIdentity>();
        // Component types are checked for external visibility as they are built; instance types only once
        // they are attached to an import or export.
        var visibility = component ? new ExternalVisibility() : null;
        foreach (var declaration in declarations)
        {
            var offset = declaration.Offset;
            switch (declaration)
            {
                case CoreTypeDeclaration c:
                    scope.Push(Sort.CoreType, c.Type is CoreFuncTypeSyntax f ? f.Type : CoreTypes.OfModuleType((CoreModuleTypeSyntax)c.Type, scope, offset));
                    break;
                case TypeDeclaration t:
                    scope.Push(Sort.Type, Resolve(scope, t.Type, offset, engine));
                    break;
                case AliasDeclaration { Alias: InstanceExportAlias a }:
                    if (a.Sort is not (Sort.Type or Sort.Instance)) throw new InvalidModuleException($"export aliases in types may only alias types and instances", offset);
                    var instance = scope.Get<InstanceTypeInfo>(Sort.Instance, a.Instance, offset);
                    if (!instance.Exports.TryGetValue(a.Name, out var aliased) || SortOf(aliased) != a.Sort)
                        throw new InvalidModuleException($"instance {a.Instance} has no {a.Sort.Name()} export named `{a.Name}`", offset);
                    Push(scope, a.Sort, aliased);
                    break;
                case AliasDeclaration { Alias: OuterAlias a }:
                    if (a.Sort is not (Sort.CoreType or Sort.Type)) throw new InvalidModuleException("outer aliases in types may only alias types", offset);
                    scope.Push(a.Sort, scope.Outer(a.Count, offset).Get(a.Sort, a.Index, offset));
                    break;
                case AliasDeclaration:
                    throw new InvalidModuleException("core export aliases are not allowed in types", offset);
                case ImportDeclaration i:
                    importNames.Add(i.Name, offset);
                    var imported = imports[i.Name] = Add(scope, i.Name, i.Type, offset, engine, null);
                    if (visibility is not null && !visibility.Import(imported)) throw NotVisible(imported, "import", offset);
                    break;
                case ExportDeclaration e:
                    exportNames.Add(e.Name, offset);
                    var exported = exports[e.Name] = Add(scope, e.Name, e.Type, offset, engine, defined);
                    if (visibility is not null && !visibility.Export(exported)) throw NotVisible(exported, "export", offset);
                    break;
            }
        }
        return component ? new ComponentTypeInfo(imports, exports) : new InstanceTypeInfo(exports, defined);
    }

    public static InvalidModuleException NotVisible(ExternInfo info, string use, int offset) =>
        new($"{SortOf(info).Name()} not valid to be used as {use}", offset);

    private static ExternInfo Add(Scope scope, string name, ExternTypeSyntax type, int offset, Engine engine, List<ResourceIdentity>? defined)
    {
        var info = ExternInfo(scope, type, offset, engine, defined);
        CheckAnnotatedName(scope, name, info, offset);
        Push(scope, type.Sort, info);
        return info;
    }

    /// <summary>
    /// The type an import or export declares. A type import or export creates a new name for the type (see
    /// <see cref="ExternalVisibility"/>), <c>(sub resource)</c> a new abstract resource, and an instance
    /// type fresh copies of the resources it declares. For exports, <paramref name="defined"/> collects those
    /// new resources: the enclosing instance type declares them.
    /// </summary>
    public static ExternInfo ExternInfo(Scope scope, ExternTypeSyntax type, int offset, Engine engine, List<ResourceIdentity>? defined)
    {
        switch (type.Kind)
        {
            case ExternTypeKind.CoreModule:
                return new CoreModuleExtern(scope.Get<CoreModuleTypeInfo>(Sort.CoreType, type.TypeIndex, offset));
            case ExternTypeKind.Func:
                return scope.Get(Sort.Type, type.TypeIndex, offset) is FuncTypeInfo f ? new FuncExtern(f.Type) : throw new InvalidModuleException($"type index {type.TypeIndex} is not a function type", offset);
            case ExternTypeKind.Type when type.IsSubResource:
                var resource = new ResourceIdentity($"abstract resource {scope.Count(Sort.Type)}");
                defined?.Add(resource);
                return new TypeExtern(new ResourceTypeInfo(resource));
            case ExternTypeKind.Type:
                return new TypeExtern(Created(scope.Get<TypeInfo>(Sort.Type, type.TypeIndex, offset)));
            case ExternTypeKind.Component:
                return new ComponentExtern(scope.Get(Sort.Type, type.TypeIndex, offset) as ComponentTypeInfo ?? throw new InvalidModuleException($"type index {type.TypeIndex} is not a component type", offset));
            case ExternTypeKind.Instance:
                var instance = scope.Get(Sort.Type, type.TypeIndex, offset) as InstanceTypeInfo ?? throw new InvalidModuleException($"type index {type.TypeIndex} is not an instance type", offset);
                return new InstanceExtern(Fresh(instance, defined));
            default:
                throw new UnsupportedFeatureException("value imports and exports (🪙)", offset);
        }
    }

    /// <summary>The new name an import or export gives a type: a copy of a value type, an alias of a resource.</summary>
    public static TypeInfo Created(TypeInfo type) => type switch
    {
        ValueTypeInfo v => new ValueTypeInfo(v.Type with { }),
        ResourceTypeInfo r => new ResourceTypeInfo(r.Resource.Alias()),
        _ => type,
    };

    /// <summary>An instance type with fresh resources in place of those it declares.</summary>
    public static InstanceTypeInfo Fresh(InstanceTypeInfo type, List<ResourceIdentity>? defined)
    {
        if (type.Defined.Count == 0) return type;
        var fresh = Substitution.Fresh(type.Defined, out var resources).Apply(type) with { Defined = [] };
        defined?.AddRange(resources);
        return fresh;
    }

    public static Sort SortOf(ExternInfo info) => info switch
    {
        FuncExtern => Sort.Func,
        TypeExtern => Sort.Type,
        InstanceExtern => Sort.Instance,
        ComponentExtern => Sort.Component,
        _ => Sort.CoreModule,
    };

    public static void Push(Scope scope, Sort sort, ExternInfo info) => scope.Push(sort, info switch
    {
        FuncExtern f => f.Type,
        TypeExtern t => t.Type,
        InstanceExtern i => i.Type,
        ComponentExtern c => c.Type,
        CoreModuleExtern m => m.Type,
        _ => throw new InvalidOperationException(),
    });

    /// <summary>
    /// <c>[constructor]R</c>, <c>[method]R.f</c> and <c>[static]R.f</c> must be functions of a resource named
    /// <c>R</c> in the same scope: constructors return <c>(own R)</c>, methods take <c>(borrow R)</c> as <c>self</c>.
    /// </summary>
    public static void CheckAnnotatedName(Scope scope, string name, ExternInfo info, int offset)
    {
        if (ExternNames.ResourceOf(name) is not var (annotation, _)) return;
        if (info is not FuncExtern { Type: var type }) throw new InvalidModuleException($"item named `{name}` is not a func", offset);
        switch (annotation)
        {
            case "[constructor]":
                if (type.Result is null) throw new InvalidModuleException("function should return one value", offset);
                if (type.Result is not (HandleType { IsOwn: true } or ResultType { Ok: HandleType { IsOwn: true } }))
                    throw new InvalidModuleException("function should return `(own $T)` or `(result (own $T))`", offset);
                break;
            case "[method]":
                if (type.Parameters.Length == 0) throw new InvalidModuleException("function should have at least one argument", offset);
                if (type.Parameters[0].Name != "self") throw new InvalidModuleException("function should have a first argument called `self`", offset);
                if (type.Parameters[0].Type is not HandleType { IsOwn: false }) throw new InvalidModuleException("function should take a first argument of `(borrow $T)`", offset);
                break;
        }
    }
}
