using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using FuncType = WasmCloud.Components.Types.FuncType;

namespace WasmCloud.Components.Translation;

/// <summary>
/// Component subtyping (Explainer.md, "Subtyping"): is what is given usable where a type is expected? Value
/// and function types must be equal; instances may have more exports than expected; components may import
/// less and export more; core modules likewise. The expected side's resource <paramref name="variables"/> (a
/// component's imported resources, being instantiated) are bound to the given resources the first time they
/// are met, in declaration order, and compared through the binding afterwards. Each check returns the
/// mismatch, or null.
/// </summary>
internal sealed class Subtyping(Substitution bindings, HashSet<ResourceIdentity> variables)
{
    public Substitution Bindings { get; } = bindings;

    public string? Extern(ExternInfo given, ExternInfo expected) => (given, expected) switch
    {
        (FuncExtern a, FuncExtern b) => Func(a.Type, b.Type),
        (TypeExtern a, TypeExtern b) => Type(a.Type, b.Type),
        (InstanceExtern a, InstanceExtern b) => Instance(a.Type, b.Type),
        (ComponentExtern a, ComponentExtern b) => Component(a.Type, b.Type),
        (CoreModuleExtern a, CoreModuleExtern b) => Module(a.Type, b.Type),
        _ => $"expected {Declarations.SortOf(expected).Name()}, found {Declarations.SortOf(given).Name()}",
    };

    private string? Instance(InstanceTypeInfo given, InstanceTypeInfo expected)
    {
        foreach (var (name, type) in expected.Exports)
        {
            if (!given.Exports.TryGetValue(name, out var actual)) return $"missing expected export `{name}`";
            if (Extern(actual, type) is { } error) return $"type mismatch in instance export `{name}`: {error}";
        }
        return null;
    }

    /// <summary>A component may be used where one importing more and exporting less is expected.</summary>
    private string? Component(ComponentTypeInfo given, ComponentTypeInfo expected)
    {
        // The given component's imported resources are bound to the expected one's (imports are contravariant),
        // the expected component's defined resources to the given one's.
        foreach (var r in ReachableResources.Of(given.Imports.Values).Concat(ReachableResources.DefinedBy(expected))) variables.Add(r);
        foreach (var (name, type) in given.Imports)
        {
            if (!expected.Imports.TryGetValue(name, out var offered)) return $"missing expected import `{name}`";
            if (Extern(offered, type) is { } error) return $"type mismatch in import `{name}`: {error}";
        }
        foreach (var (name, type) in expected.Exports)
        {
            if (!given.Exports.TryGetValue(name, out var actual)) return $"missing expected export `{name}`";
            if (Extern(actual, type) is { } error) return $"type mismatch in export `{name}`: {error}";
        }
        return null;
    }

    private static string? Module(CoreModuleTypeInfo given, CoreModuleTypeInfo expected)
    {
        foreach (var (module, name, type) in given.Imports)
        {
            var offered = expected.Imports.FirstOrDefault(i => i.Module == module && i.Name == name);
            if (offered.Type is null) return $"missing expected import `{module}::{name}`";
            if (CoreTypes.Mismatch(type, offered.Type) is { } error) return $"type mismatch in import `{module}::{name}`: {error}";
        }
        foreach (var (name, type) in expected.Exports)
        {
            if (!given.Exports.TryGetValue(name, out var actual)) return $"missing expected export `{name}`";
            if (CoreTypes.Mismatch(type, actual) is { } error) return $"type mismatch in export `{name}`: {error}";
        }
        return null;
    }

    private string? Type(TypeInfo given, TypeInfo expected)
    {
        switch (expected)
        {
            case ResourceTypeInfo r:
                return given is ResourceTypeInfo g ? Resource(g.Resource, r.Resource) : $"expected resource, found {Describe(given)}";
            case ValueTypeInfo v:
                if (given is not ValueTypeInfo gv) return $"expected defined type, found {Describe(given)}";
                if (Value(gv.Type, v.Type) is { } error) return error;
                // Later types of the instantiated component that mention this import mean the argument.
                Bindings.Bind(v.Type, gv.Type);
                return null;
            case FuncTypeInfo f:
                return given is FuncTypeInfo gf ? Func(gf.Type, f.Type) : $"expected func type, found {Describe(given)}";
            case InstanceTypeInfo i:
                return given is InstanceTypeInfo gi ? Instance(gi, i) ?? Instance(i, gi) : $"expected instance type, found {Describe(given)}";
            case ComponentTypeInfo c:
                return given is ComponentTypeInfo gc ? Component(gc, c) ?? Component(c, gc) : $"expected component type, found {Describe(given)}";
            default:
                return null;
        }
    }

    private static string Describe(TypeInfo type) => type switch
    {
        ResourceTypeInfo => "resource",
        ValueTypeInfo => "defined type",
        FuncTypeInfo => "func type",
        InstanceTypeInfo => "instance type",
        _ => "component type",
    };

    private string? Resource(ResourceIdentity given, ResourceIdentity expected)
    {
        if (variables.Contains(expected.Canonical) && !Bindings.IsBound(expected))
        {
            Bindings.Bind(expected, Bindings.Apply(given));
            return null;
        }
        return Bindings.Apply(given).IsSameResource(Bindings.Apply(expected)) ? null : "resource types are not the same";
    }

    private string? Func(FuncType given, FuncType expected)
    {
        if (given.Parameters.Length != expected.Parameters.Length) return $"expected {expected.Parameters.Length} parameters, found {given.Parameters.Length}";
        for (var i = 0; i < given.Parameters.Length; i++)
        {
            var (a, b) = (given.Parameters[i], expected.Parameters[i]);
            if (a.Name != b.Name) return $"expected parameter named `{b.Name}`, found `{a.Name}`";
            if (Value(a.Type, b.Type) is { } error) return $"type mismatch in function parameter `{b.Name}`: {error}";
        }
        return Optional(given.Result, expected.Result, "result");
    }

    private string? Optional(ValType? given, ValType? expected, string what) => (given, expected) switch
    {
        (null, null) => null,
        (null, _) => $"expected {what} type, but found none",
        (_, null) => $"expected {what} type to not be present",
        _ => Value(given, expected) is { } error ? $"type mismatch in {what}: {error}" : null,
    };

    /// <summary>Value types match when they are equal, resources compared through the bindings.</summary>
    public string? Value(ValType given, ValType expected)
    {
        switch (expected)
        {
            case PrimitiveValType p:
                return given is PrimitiveValType g ? g.Kind == p.Kind ? null : $"expected primitive `{p}` found primitive `{g}`" : $"expected primitive, found {Kind(given)}";
            case HandleType h:
                if (given is not HandleType gh) return $"expected {Kind(expected)}, found {Kind(given)}";
                if (gh.IsOwn != h.IsOwn) return $"expected {Kind(expected)}, found {Kind(given)}";
                return Resource(gh.Resource, h.Resource);
        }
        if (given.GetType() != expected.GetType()) return $"expected {Kind(expected)}, found {Kind(given)}";
        switch (expected)
        {
            case RecordType r:
                var fields = ((RecordType)given).Fields;
                if (fields.Length != r.Fields.Length) return $"expected {r.Fields.Length} fields, found {fields.Length}";
                for (var i = 0; i < fields.Length; i++)
                {
                    if (fields[i].Name != r.Fields[i].Name) return $"expected field name `{r.Fields[i].Name}`, found `{fields[i].Name}`";
                    if (Value(fields[i].Type, r.Fields[i].Type) is { } error) return $"type mismatch in record field `{r.Fields[i].Name}`: {error}";
                }
                return null;
            case VariantType v:
                var cases = ((VariantType)given).Cases;
                if (cases.Length != v.Cases.Length) return $"expected {v.Cases.Length} cases, found {cases.Length}";
                for (var i = 0; i < cases.Length; i++)
                {
                    if (cases[i].Name != v.Cases[i].Name) return $"expected case named `{v.Cases[i].Name}`, found `{cases[i].Name}`";
                    if (Optional(cases[i].Type, v.Cases[i].Type, $"variant case `{v.Cases[i].Name}`") is { } error) return error;
                }
                return null;
            case TupleType t:
                var elements = ((TupleType)given).Elements;
                if (elements.Length != t.Elements.Length) return $"expected {t.Elements.Length} types, found {elements.Length}";
                for (var i = 0; i < elements.Length; i++)
                    if (Value(elements[i], t.Elements[i]) is { } error) return $"type mismatch in tuple field {i}: {error}";
                return null;
            case FlagsType f:
                return ((FlagsType)given).Labels.SequenceEqual(f.Labels) ? null : "mismatch in flags elements";
            case EnumType e:
                return ((EnumType)given).Labels.SequenceEqual(e.Labels) ? null : "mismatch in enum elements";
            case ListType l:
                return Value(((ListType)given).Element, l.Element) is { } listError ? $"type mismatch in list element: {listError}" : null;
            case OptionType o:
                return Value(((OptionType)given).Payload, o.Payload) is { } optionError ? $"type mismatch in option: {optionError}" : null;
            case ResultType r:
                var result = (ResultType)given;
                return Optional(result.Ok, r.Ok, "ok") ?? Optional(result.Error, r.Error, "err");
            default:
                return null;
        }
    }

    private static string Kind(ValType type) => type switch
    {
        PrimitiveValType p => p.ToString(),
        RecordType => "record",
        VariantType => "variant",
        ListType => "list",
        TupleType => "tuple",
        FlagsType => "flags",
        EnumType => "enum",
        OptionType => "option",
        ResultType => "result",
        HandleType { IsOwn: true } => "own",
        _ => "borrow",
    };
}
