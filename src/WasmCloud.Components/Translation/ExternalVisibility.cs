using WasmCloud.Components.Types;
using FuncType = WasmCloud.Components.Types.FuncType;

namespace WasmCloud.Components.Translation;

/// <summary>
/// Explainer.md, "External visibility of types": an import or export may only mention records, variants,
/// enums, flags and resources that the component has itself imported (valid in imports and exports) or
/// exported (valid in exports), so that a WIT world can name every type a client sees. Names are tracked by
/// object: each import or export of a type creates a new object (a copy of the value type, an alias of the
/// resource), and types reach other types as the very objects they were resolved from.
/// </summary>
internal sealed class ExternalVisibility
{
    private readonly HashSet<object> _imported = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _exported = new(ReferenceEqualityComparer.Instance);

    /// <summary>Checks an import's type and makes the types it creates visible; false when it mentions an unnamed type.</summary>
    public bool Import(ExternInfo info) => Register(info, import: true);

    public bool Export(ExternInfo info) => Register(info, import: false);

    private bool Register(ExternInfo info, bool import)
    {
        var visible = import ? _imported : _exported;
        switch (info)
        {
            case TypeExtern t:
                if (!Contents(t.Type, visible)) return false;
                if (Created(t.Type) is { } created)
                {
                    _exported.Add(created);
                    if (import) _imported.Add(created);
                }
                return true;
            case InstanceExtern i:
                return i.Type.Exports.Values.All(e => Register(e, import));
            case FuncExtern f:
                return Func(f.Type, visible);
            default:
                return true;
        }
    }

    private static object? Created(TypeInfo type) => type switch
    {
        ValueTypeInfo v => v.Type,
        ResourceTypeInfo r => r.Resource,
        _ => null,
    };

    /// <summary>Whether everything one layer inside a type is named.</summary>
    private static bool Contents(TypeInfo type, HashSet<object> visible) => type switch
    {
        ValueTypeInfo v => Contents(v.Type, visible),
        FuncTypeInfo f => Func(f.Type, visible),
        InstanceTypeInfo i => i.Exports.Values.All(e => e switch
        {
            FuncExtern f => Func(f.Type, visible),
            TypeExtern t => Contents(t.Type, visible),
            InstanceExtern n => Contents(n.Type, visible),
            _ => true,
        }),
        _ => true,
    };

    private static bool Func(FuncType type, HashSet<object> visible) =>
        type.Parameters.All(p => Named(p.Type, visible)) && (type.Result is null || Named(type.Result, visible));

    private static bool Contents(ValType type, HashSet<object> visible) => type switch
    {
        RecordType r => r.Fields.All(f => Named(f.Type, visible)),
        VariantType v => v.Cases.All(c => c.Type is null || Named(c.Type, visible)),
        TupleType t => t.Elements.All(e => Named(e, visible)),
        ListType l => Named(l.Element, visible),
        OptionType o => Named(o.Payload, visible),
        ResultType r => (r.Ok is null || Named(r.Ok, visible)) && (r.Error is null || Named(r.Error, visible)),
        HandleType h => visible.Contains(h.Resource),
        _ => true,
    };

    /// <summary>Records, variants, enums and flags must be named themselves; structural types, their parts.</summary>
    private static bool Named(ValType type, HashSet<object> visible) => visible.Contains(type) || type switch
    {
        RecordType or VariantType or EnumType or FlagsType => false,
        _ => Contents(type, visible),
    };
}
