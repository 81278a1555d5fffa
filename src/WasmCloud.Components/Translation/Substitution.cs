using WasmCloud.Components.Types;
using FuncType = WasmCloud.Components.Types.FuncType;

namespace WasmCloud.Components.Translation;

/// <summary>
/// A type substitution: resources (by canonical identity) and defined value types (by object) replaced by
/// others. Instantiation binds a component's imported resources and types to its arguments' and gives its
/// defined resources fresh identities; importing an instance type freshens the resources it declares.
/// Types that nothing in the substitution reaches come back as the same object, so their identity (which the
/// external-visibility rules track) survives.
/// </summary>
internal sealed class Substitution
{
    private readonly Dictionary<ResourceIdentity, ResourceIdentity> _resources = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ValType, ValType> _types = new(ReferenceEqualityComparer.Instance);

    public void Bind(ResourceIdentity from, ResourceIdentity to) => _resources[from.Canonical] = to;

    public void Bind(ValType from, ValType to) => _types[from] = to;

    public bool IsBound(ResourceIdentity resource) => _resources.ContainsKey(resource.Canonical);

    public ResourceIdentity Apply(ResourceIdentity resource) => _resources.TryGetValue(resource.Canonical, out var to) ? to : resource;

    /// <summary>A substitution giving each of <paramref name="resources"/> a fresh identity.</summary>
    public static Substitution Fresh(IEnumerable<ResourceIdentity> resources, out List<ResourceIdentity> fresh)
    {
        var substitution = new Substitution();
        fresh = [];
        foreach (var resource in resources)
        {
            var created = new ResourceIdentity(resource.ToString());
            substitution.Bind(resource, created);
            fresh.Add(created);
        }
        return substitution;
    }

    /// <summary>
    /// The type with the substitution applied. A type that changes is remembered, so every place that mentions it
    /// (an exported type and the functions using it) gets the same new object, as visibility needs.
    /// </summary>
    public ValType Apply(ValType type)
    {
        if (_types.TryGetValue(type, out var bound)) return bound;
        var applied = type switch
        {
            HandleType h => Apply(h.Resource) is var r && !ReferenceEquals(r, h.Resource) ? new HandleType(h.IsOwn, r) : h,
            RecordType r => Apply(r.Fields) is { } fields ? new RecordType(fields) : r,
            VariantType v => Apply(v.Cases) is { } cases ? new VariantType(cases) : v,
            ListType l => Apply(l.Element) is var e && !ReferenceEquals(e, l.Element) ? new ListType(e) : l,
            TupleType t => Apply(t.Elements) is { } elements ? new TupleType(elements) : t,
            OptionType o => Apply(o.Payload) is var p && !ReferenceEquals(p, o.Payload) ? new OptionType(p) : o,
            ResultType r => ApplyOptional(r.Ok) is var ok && ApplyOptional(r.Error) is var error && (!ReferenceEquals(ok, r.Ok) || !ReferenceEquals(error, r.Error))
                ? new ResultType(ok, error) : r,
            _ => type,
        };
        if (!ReferenceEquals(applied, type)) _types[type] = applied;
        return applied;
    }

    private ValType? ApplyOptional(ValType? type) => type is null ? null : Apply(type);

    /// <summary>The substituted elements, or null when none changed.</summary>
    private ValType[]? Apply(ValType[] types)
    {
        var result = types.Select(Apply).ToArray();
        return result.Where((t, i) => !ReferenceEquals(t, types[i])).Any() ? result : null;
    }

    private Field[]? Apply(Field[] fields)
    {
        var result = fields.Select(f => Apply(f.Type) is var t && !ReferenceEquals(t, f.Type) ? f with { Type = t } : f).ToArray();
        return result.Where((f, i) => !ReferenceEquals(f, fields[i])).Any() ? result : null;
    }

    private Case[]? Apply(Case[] cases)
    {
        var result = cases.Select(c => ApplyOptional(c.Type) is var t && !ReferenceEquals(t, c.Type) ? c with { Type = t } : c).ToArray();
        return result.Where((c, i) => !ReferenceEquals(c, cases[i])).Any() ? result : null;
    }

    public FuncType Apply(FuncType type) =>
        Apply(type.Parameters) is var parameters && ApplyOptional(type.Result) is var result && (parameters is not null || !ReferenceEquals(result, type.Result))
            ? new FuncType(parameters ?? type.Parameters, result)
            : type;

    public TypeInfo Apply(TypeInfo type) => type switch
    {
        ValueTypeInfo v => Apply(v.Type) is var t && !ReferenceEquals(t, v.Type) ? new ValueTypeInfo(t) : v,
        FuncTypeInfo f => Apply(f.Type) is var t && !ReferenceEquals(t, f.Type) ? new FuncTypeInfo(t) : f,
        ResourceTypeInfo r => Apply(r.Resource) is var t && !ReferenceEquals(t, r.Resource) ? new ResourceTypeInfo(t) : r,
        InstanceTypeInfo i => Apply(i),
        ComponentTypeInfo c => new ComponentTypeInfo(Apply(c.Imports), Apply(c.Exports)),
        _ => type,
    };

    public InstanceTypeInfo Apply(InstanceTypeInfo type) => new(Apply(type.Exports), type.Defined.Select(Apply).ToArray());

    public Dictionary<string, ExternInfo> Apply(IReadOnlyDictionary<string, ExternInfo> externs) =>
        externs.ToDictionary(e => e.Key, e => Apply(e.Value), StringComparer.Ordinal);

    public ExternInfo Apply(ExternInfo info) => info switch
    {
        FuncExtern f => new FuncExtern(Apply(f.Type)),
        TypeExtern t => new TypeExtern(Apply(t.Type)),
        InstanceExtern i => new InstanceExtern(Apply(i.Type)),
        ComponentExtern c => new ComponentExtern((ComponentTypeInfo)Apply(c.Type)),
        _ => info,
    };
}
