using WasmCloud.Components.Abi;
using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Format;
using CoreFuncType = WasmCloud.Wasm.Format.FuncType;
using FuncType = WasmCloud.Components.Types.FuncType;
using CoreValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Components.Translation;

/// <summary>
/// Validates a decoded component definition by definition, building its static index spaces, and emits
/// the initializer step of each definition. Core modules are compiled here, once per component load.
/// </summary>
internal sealed class ComponentTranslator
{
    private readonly Engine _engine;
    private readonly Scope _scope;
    private readonly List<Step> _steps = [];
    private readonly Dictionary<string, ExternInfo> _imports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExternInfo> _exports = new(StringComparer.Ordinal);
    private readonly NameSet _importNames = new("import");
    private readonly NameSet _exportNames = new("export");
    private readonly HashSet<ResourceIdentity> _definedResources = [];
    private readonly ExternalVisibility _visibility = new();
    private readonly Dictionary<ResourceIdentity, int> _resourceSlots = [];

    private ComponentTranslator(Engine engine, Scope? parent)
    {
        _engine = engine;
        _scope = new Scope(parent, isComponent: true);
    }

    public static ComponentPlan Translate(Engine engine, ComponentSyntax syntax, Scope? parent = null)
    {
        var translator = new ComponentTranslator(engine, parent);
        foreach (var definition in syntax.Definitions)
        {
            translator.Translate(definition);
            translator.RecordResourceSlot();
        }
        return new ComponentPlan([.. translator._steps], new ComponentTypeInfo(translator._imports, translator._exports), translator._resourceSlots);
    }

    /// <summary>
    /// Remembers the first type slot holding each resource, so that at run time the resource types that
    /// function types mention resolve to the <see cref="Runtime.ResourceType"/> instantiation put there.
    /// </summary>
    private void RecordResourceSlot()
    {
        var count = _scope.Count(Sort.Type);
        if (count > 0 && _scope.Get(Sort.Type, count - 1, 0) is ResourceTypeInfo r) _resourceSlots.TryAdd(r.Resource.Canonical, count - 1);
    }

    private void Emit(Step step) => _steps.Add(step);

    private void Translate(Definition definition)
    {
        var offset = definition.Offset;
        switch (definition)
        {
            case CoreModuleDefinition m:
                var module = CompileModule(m);
                _scope.Push(Sort.CoreModule, CoreTypes.OfModule(module));
                Emit(new PushStep(Sort.CoreModule, module));
                break;
            case CoreInstantiateDefinition i: CoreInstantiate(i, offset); break;
            case CoreInlineInstanceDefinition i:
                var coreExports = new Dictionary<string, CoreExternInfo>(StringComparer.Ordinal);
                foreach (var e in i.Exports)
                {
                    if (!coreExports.TryAdd(e.Name, CoreExternOf(e.Item, offset))) throw new InvalidModuleException($"export name `{e.Name}` already defined", offset);
                }
                _scope.Push(Sort.CoreInstance, new CoreInstanceInfo(coreExports));
                Emit(new CoreInlineInstanceStep(i.Exports));
                break;
            case CoreTypeDefinition t:
                _scope.Push(Sort.CoreType, t.Type switch
                {
                    CoreFuncTypeSyntax f => f.Type,
                    _ => CoreTypes.OfModuleType((CoreModuleTypeSyntax)t.Type, _scope, offset),
                });
                break;
            case ComponentDefinition c:
                var plan = Translate(_engine, c.Component, _scope);
                _scope.Push(Sort.Component, plan.Type);
                Emit(new ComponentDefinitionStep(plan));
                break;
            case InstantiateDefinition i: Instantiate(i, offset); break;
            case InlineInstanceDefinition i:
                var names = new NameSet("export");
                var exports = new Dictionary<string, ExternInfo>(StringComparer.Ordinal);
                foreach (var e in i.Exports)
                {
                    names.Add(e.Name, offset);
                    exports[e.Name] = ExternOf(e.Item, offset);
                }
                _scope.Push(Sort.Instance, new InstanceTypeInfo(exports, []));
                Emit(new InlineInstanceStep(i.Exports));
                break;
            case AliasDefinition a: Alias(a.Alias, offset); break;
            case TypeDefinition t: DefineType(t.Type, offset); break;
            case CanonDefinition c: Canon(c.Canon, offset); break;
            case ImportDefinition i:
                _importNames.Add(i.Name, offset);
                var info = Declarations.ExternInfo(_scope, i.Type, offset, _engine, null);
                _imports[i.Name] = info;
                Declarations.CheckAnnotatedName(_scope, i.Name, info, offset);
                if (!_visibility.Import(info)) throw Declarations.NotVisible(info, "import", offset);
                PushExtern(i.Type.Sort, info);
                Emit(new ImportStep(i.Name, i.Type.Sort));
                break;
            case ExportDefinition e:
                _exportNames.Add(e.Name, offset);
                if (e.Item.Sort.IsCore() && e.Item.Sort != Sort.CoreModule) throw new InvalidModuleException($"cannot export a {e.Item.Sort.Name()}", offset);
                var exported = Export(e, offset);
                _exports[e.Name] = exported;
                Declarations.CheckAnnotatedName(_scope, e.Name, exported, offset);
                if (!_visibility.Export(exported)) throw Declarations.NotVisible(exported, "export", offset);
                PushExtern(e.Item.Sort, exported);
                Emit(new ExportStep(e.Name, e.Item));
                break;
        }
    }

    /// <summary>
    /// The type an export has: a new name for an exported type, or the ascribed type, which what is exported
    /// must be a subtype of (the ascription's new abstract resources standing for the actual ones).
    /// </summary>
    private ExternInfo Export(ExportDefinition e, int offset)
    {
        var actual = ExternOf(e.Item, offset);
        if (e.Ascribed is null) return actual is TypeExtern t ? new TypeExtern(Declarations.Created(t.Type)) : actual;
        var created = new List<ResourceIdentity>();
        var ascribed = Declarations.ExternInfo(_scope, e.Ascribed, offset, _engine, created);
        if (new Subtyping(new Substitution(), [.. created]).Extern(actual, ascribed) is { } error)
            throw new InvalidModuleException($"ascribed type of export is not compatible with item's type: {error}", offset);
        return ascribed;
    }

    private Module CompileModule(CoreModuleDefinition definition)
    {
        try
        {
            return Module.FromBytes(_engine, definition.Binary);
        }
        catch (WasmException) when (CoreFeatureProbe.FeatureBeyondWasm2(definition.Binary) is { } feature)
        {
            throw new UnsupportedFeatureException(feature, definition.Offset);
        }
        catch (MalformedModuleException e)
        {
            throw new MalformedModuleException($"in core module: {e.Reason}", definition.Offset + e.Offset);
        }
        catch (InvalidModuleException e)
        {
            throw new InvalidModuleException($"in core module: {e.Reason}", definition.Offset + e.Offset);
        }
    }

    private void CoreInstantiate(CoreInstantiateDefinition definition, int offset)
    {
        var module = _scope.Get<CoreModuleTypeInfo>(Sort.CoreModule, definition.Module, offset);
        var args = new Dictionary<string, CoreInstanceInfo>(StringComparer.Ordinal);
        foreach (var arg in definition.Args)
        {
            if (!args.TryAdd(arg.Name, _scope.Get<CoreInstanceInfo>(Sort.CoreInstance, arg.Instance, offset)))
                throw new InvalidModuleException($"duplicate module instantiation argument named `{arg.Name}`", offset);
        }
        foreach (var (moduleName, name, type) in module.Imports)
        {
            if (!args.TryGetValue(moduleName, out var instance)) throw new InvalidModuleException($"missing module instantiation argument named `{moduleName}`", offset);
            if (!instance.Exports.TryGetValue(name, out var actual)) throw new InvalidModuleException($"module instantiation argument `{moduleName}` does not export an item named `{name}`", offset);
            if (CoreTypes.Mismatch(type, actual) is { } mismatch) throw new InvalidModuleException($"type mismatch for export `{name}` of module instantiation argument `{moduleName}`: {mismatch}", offset);
        }
        _scope.Push(Sort.CoreInstance, new CoreInstanceInfo(module.Exports));
        Emit(new CoreInstantiateStep(definition.Module, definition.Args));
    }

    private void Instantiate(InstantiateDefinition definition, int offset)
    {
        var component = _scope.Get<ComponentTypeInfo>(Sort.Component, definition.Component, offset);
        var args = new Dictionary<string, SortIndex>(StringComparer.Ordinal);
        foreach (var arg in definition.Args)
        {
            _scope.Get(arg.Item.Sort, arg.Item.Index, offset);
            if (!args.TryAdd(arg.Name, arg.Item)) throw new InvalidModuleException($"instantiation argument `{arg.Name}` conflicts with previous argument", offset);
        }
        // The component's imported resources and types are bound to the arguments' in import order, so that
        // later imports are checked against what earlier ones were given; its defined resources are fresh.
        var subtyping = new Subtyping(new Substitution(), ReachableResources.Of(component.Imports.Values));
        foreach (var (name, expected) in component.Imports)
        {
            if (!args.TryGetValue(name, out var given)) throw new InvalidModuleException($"missing import named `{name}`", offset);
            if (given.Sort != Declarations.SortOf(expected))
                throw new InvalidModuleException($"expected {Declarations.SortOf(expected).Name()} for import `{name}`, found {given.Sort.Name()}", offset);
            if (subtyping.Extern(ExternOf(given, offset), expected) is { } error)
                throw new InvalidModuleException($"type mismatch for component instantiation argument `{name}`: {error}", offset);
        }
        var bindings = subtyping.Bindings;
        foreach (var resource in ReachableResources.DefinedBy(component)) bindings.Bind(resource, new ResourceIdentity(resource.ToString()));
        _scope.Push(Sort.Instance, new InstanceTypeInfo(bindings.Apply(component.Exports), []));
        Emit(new InstantiateStep(definition.Component, definition.Args));
    }

    private void Alias(AliasSyntax alias, int offset)
    {
        switch (alias)
        {
            case CoreInstanceExportAlias a:
                var core = _scope.Get<CoreInstanceInfo>(Sort.CoreInstance, a.Instance, offset);
                if (!core.Exports.TryGetValue(a.Name, out var coreExport)) throw new InvalidModuleException($"core instance {a.Instance} has no export named `{a.Name}`", offset);
                if (CoreTypes.SortOf(coreExport.Kind) != a.Sort) throw new InvalidModuleException($"export `{a.Name}` for core instance {a.Instance} is not a {a.Sort.Name()}", offset);
                _scope.Push(a.Sort, CoreTypes.InfoOf(coreExport));
                Emit(new CoreAliasStep(a.Sort, a.Instance, a.Name));
                break;
            case InstanceExportAlias a:
                var instance = _scope.Get<InstanceTypeInfo>(Sort.Instance, a.Instance, offset);
                if (!instance.Exports.TryGetValue(a.Name, out var export)) throw new InvalidModuleException($"instance {a.Instance} has no export named `{a.Name}`", offset);
                if (Declarations.SortOf(export) != a.Sort) throw new InvalidModuleException($"export `{a.Name}` for instance {a.Instance} is not a {a.Sort.Name()}", offset);
                PushExtern(a.Sort, export);
                Emit(new AliasExportStep(a.Sort, a.Instance, a.Name));
                break;
            case OuterAlias a:
                if (a.Sort is not (Sort.CoreModule or Sort.CoreType or Sort.Type or Sort.Component))
                    throw new InvalidModuleException($"outer aliases of {a.Sort.Name()} are not allowed", offset);
                var target = _scope.Outer(a.Count, offset);
                var item = target.Get(a.Sort, a.Index, offset);
                if (a.Count > 0 && a.Sort == Sort.Type && item is ResourceTypeInfo)
                    throw new InvalidModuleException("refers to resources not defined in the current component", offset);
                _scope.Push(a.Sort, item);
                if (a.Sort is Sort.CoreModule or Sort.Type or Sort.Component) Emit(new OuterAliasStep(a.Sort, a.Count, a.Index));
                break;
        }
    }

    private void DefineType(DefTypeSyntax syntax, int offset)
    {
        if (syntax is ResourceTypeSyntax resource)
        {
            if (resource.Representation != CoreValueType.I32) throw new InvalidModuleException("resources can only be represented by `i32`", offset);
            if (resource.Destructor is { } destructor)
            {
                var type = _scope.Get<CoreFuncType>(Sort.CoreFunc, destructor, offset);
                if (!type.Equals(new CoreFuncType([CoreValueType.I32], [])))
                    throw new InvalidModuleException($"wrong signature for a destructor: expected [i32] -> [], found {type}", offset);
            }
            var identity = new ResourceIdentity($"resource {_scope.Count(Sort.Type)}");
            _scope.Push(Sort.Type, new ResourceTypeInfo(identity));
            _definedResources.Add(identity);
            Emit(new ResourceDefinitionStep(identity.ToString(), resource.Destructor));
            return;
        }
        _scope.Push(Sort.Type, Declarations.Resolve(_scope, syntax, offset, _engine));
        Emit(new PushStep(Sort.Type, null));
    }

    private void Canon(CanonSyntax canon, int offset)
    {
        switch (canon)
        {
            case CanonLift lift:
                var coreType = _scope.Get<CoreFuncType>(Sort.CoreFunc, lift.CoreFunc, offset);
                var type = _scope.Get(Sort.Type, lift.FuncType, offset) is FuncTypeInfo f ? f.Type : throw new InvalidModuleException($"type index {lift.FuncType} is not a function type", offset);
                CheckOptions(lift.Options, type, lift: true, offset);
                var expected = CanonicalLayout.CoreSignature(type, lift: true);
                if (!expected.Equals(coreType)) throw new InvalidModuleException($"lowered function type mismatch: expected {expected}, found {coreType}", offset);
                if (lift.Options.PostReturn is { } postReturn)
                {
                    var postType = _scope.Get<CoreFuncType>(Sort.CoreFunc, postReturn, offset);
                    if (!postType.Equals(new CoreFuncType(expected.Results, []))) throw new InvalidModuleException($"post-return function type mismatch: expected {new CoreFuncType(expected.Results, [])}, found {postType}", offset);
                }
                _scope.Push(Sort.Func, type);
                Emit(new CanonLiftStep(lift.CoreFunc, lift.Options, type));
                break;
            case CanonLower lower:
                var funcType = _scope.Get<FuncType>(Sort.Func, lower.Func, offset);
                CheckOptions(lower.Options, funcType, lift: false, offset);
                if (lower.Options.PostReturn is not null) throw new InvalidModuleException("canonical option `post-return` cannot be used with `canon lower`", offset);
                _scope.Push(Sort.CoreFunc, CanonicalLayout.CoreSignature(funcType, lift: false));
                Emit(new CanonLowerStep(lower.Func, lower.Options, funcType));
                break;
            case CanonResourceNew n: DefineResourceBuiltin(Translation.ResourceBuiltin.New, n.Resource, new CoreFuncType([CoreValueType.I32], [CoreValueType.I32]), offset); break;
            case CanonResourceDrop d: DefineResourceBuiltin(Translation.ResourceBuiltin.Drop, d.Resource, new CoreFuncType([CoreValueType.I32], []), offset); break;
            case CanonResourceRep r: DefineResourceBuiltin(Translation.ResourceBuiltin.Rep, r.Resource, new CoreFuncType([CoreValueType.I32], [CoreValueType.I32]), offset); break;
        }
    }

    private void DefineResourceBuiltin(ResourceBuiltin builtin, int typeIndex, CoreFuncType signature, int offset)
    {
        var resource = TypeResolver.Resource(_scope, typeIndex, offset);
        if (builtin != Translation.ResourceBuiltin.Drop && !IsDefinedHere(resource))
            throw new InvalidModuleException($"type index {typeIndex} is not a resource type defined in this component", offset);
        _scope.Push(Sort.CoreFunc, signature);
        Emit(new ResourceBuiltinStep(builtin, resource));
    }

    private bool IsDefinedHere(ResourceIdentity resource) => _definedResources.Contains(resource.Canonical);

    private void CheckOptions(CanonOptions options, FuncType type, bool lift, int offset)
    {
        if (options.Memory is { } memory) _scope.Get(Sort.CoreMemory, memory, offset);
        var usesMemory = type.Parameters.Any(p => CanonicalLayout.NeedsMemory(p.Type)) || (type.Result is { } r && CanonicalLayout.NeedsMemory(r))
            || CanonicalLayout.CoreSignature(type, lift).Parameters.Length != CanonicalLayout.Flatten(type.Parameters.Select(p => p.Type)).Count
            || CanonicalLayout.Flatten(type.Result is null ? [] : [type.Result]).Count > CanonicalLayout.MaxFlatResults;
        if (usesMemory && options.Memory is null) throw new InvalidModuleException("canonical option `memory` is required", offset);
        var allocates = lift
            ? type.Parameters.Any(p => CanonicalLayout.NeedsMemory(p.Type)) || CanonicalLayout.Flatten(type.Parameters.Select(p => p.Type)).Count > CanonicalLayout.MaxFlatParams
            : type.Result is { } result && CanonicalLayout.NeedsMemory(result);
        if (options.Realloc is { } realloc)
        {
            var reallocType = _scope.Get<CoreFuncType>(Sort.CoreFunc, realloc, offset);
            var i32 = CoreValueType.I32;
            if (!reallocType.Equals(new CoreFuncType([i32, i32, i32, i32], [i32]))) throw new InvalidModuleException($"canonical option `realloc` uses a core function with an incorrect signature", offset);
        }
        else if (allocates) throw new InvalidModuleException("canonical option `realloc` is required", offset);
    }

    private CoreExternInfo CoreExternOf(SortIndex item, int offset) => item.Sort switch
    {
        Sort.CoreFunc => new CoreExternInfo(ExternKind.Function, _scope.Get<CoreFuncType>(item.Sort, item.Index, offset), null, null, null),
        Sort.CoreTable => new CoreExternInfo(ExternKind.Table, null, _scope.Get<TableType>(item.Sort, item.Index, offset), null, null),
        Sort.CoreMemory => new CoreExternInfo(ExternKind.Memory, null, null, _scope.Get<MemoryType>(item.Sort, item.Index, offset), null),
        Sort.CoreGlobal => new CoreExternInfo(ExternKind.Global, null, null, null, _scope.Get<GlobalType>(item.Sort, item.Index, offset)),
        _ => throw new InvalidModuleException($"a core instance cannot export a {item.Sort.Name()}", offset),
    };

    private ExternInfo ExternOf(SortIndex item, int offset) => item.Sort switch
    {
        Sort.Func => new FuncExtern(_scope.Get<FuncType>(item.Sort, item.Index, offset)),
        Sort.Type => new TypeExtern(_scope.Get<TypeInfo>(item.Sort, item.Index, offset)),
        Sort.Instance => new InstanceExtern(_scope.Get<InstanceTypeInfo>(item.Sort, item.Index, offset)),
        Sort.Component => new ComponentExtern(_scope.Get<ComponentTypeInfo>(item.Sort, item.Index, offset)),
        Sort.CoreModule => new CoreModuleExtern(_scope.Get<CoreModuleTypeInfo>(item.Sort, item.Index, offset)),
        _ => throw new InvalidModuleException($"cannot export a {item.Sort.Name()}", offset),
    };

    private void PushExtern(Sort sort, ExternInfo info) => Declarations.Push(_scope, sort, info);
}
