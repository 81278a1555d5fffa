using WasmCloud.Components.Types;
using FuncType = WasmCloud.Components.Types.FuncType;

namespace WasmCloud.Components.Translation;

/// <summary>
/// The resources (canonical identities) that types mention. A component type's imports mention the resources
/// it is parameterised over; what its exports mention beyond those it defines, afresh at each instantiation.
/// </summary>
internal static class ReachableResources
{
    public static HashSet<ResourceIdentity> Of(IEnumerable<ExternInfo> externs)
    {
        var found = new HashSet<ResourceIdentity>();
        foreach (var info in externs) Add(info, found);
        return found;
    }

    /// <summary>The resources a component type's exports mention that its imports do not.</summary>
    public static IEnumerable<ResourceIdentity> DefinedBy(ComponentTypeInfo type)
    {
        var imported = Of(type.Imports.Values);
        return Of(type.Exports.Values).Where(r => !imported.Contains(r));
    }

    private static void Add(ExternInfo info, HashSet<ResourceIdentity> found)
    {
        switch (info)
        {
            case FuncExtern f: Add(f.Type, found); break;
            case TypeExtern t: Add(t.Type, found); break;
            case InstanceExtern i: Add(i.Type, found); break;
            case ComponentExtern c: Add(c.Type, found); break;
        }
    }

    public static void Add(TypeInfo type, HashSet<ResourceIdentity> found)
    {
        switch (type)
        {
            case ValueTypeInfo v: Add(v.Type, found); break;
            case FuncTypeInfo f: Add(f.Type, found); break;
            case ResourceTypeInfo r: found.Add(r.Resource.Canonical); break;
            case InstanceTypeInfo i:
                foreach (var e in i.Exports.Values) Add(e, found);
                break;
            case ComponentTypeInfo c:
                foreach (var e in c.Imports.Values.Concat(c.Exports.Values)) Add(e, found);
                break;
        }
    }

    private static void Add(FuncType type, HashSet<ResourceIdentity> found)
    {
        foreach (var p in type.Parameters) Add(p.Type, found);
        if (type.Result is { } result) Add(result, found);
    }

    public static void Add(ValType type, HashSet<ResourceIdentity> found)
    {
        switch (type)
        {
            case HandleType h: found.Add(h.Resource.Canonical); break;
            case RecordType r: foreach (var f in r.Fields) Add(f.Type, found); break;
            case VariantType v: foreach (var c in v.Cases) if (c.Type is { } t) Add(t, found); break;
            case ListType l: Add(l.Element, found); break;
            case TupleType t: foreach (var e in t.Elements) Add(e, found); break;
            case OptionType o: Add(o.Payload, found); break;
            case ResultType r:
                if (r.Ok is { } ok) Add(ok, found);
                if (r.Error is { } error) Add(error, found);
                break;
        }
    }
}
