using WasmCloud.Components.Format;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;
using FuncType = WasmCloud.Components.Types.FuncType;

namespace WasmCloud.Components.Translation;

/// <summary>Resolves type definitions and value types of a scope into <see cref="TypeInfo"/>, checking them.</summary>
internal static class TypeResolver
{
    public static ValType ValType(Scope scope, ValTypeRef reference, int offset) => reference.Primitive is { } p
        ? Types.ValType.Of(p)
        : scope.Get(Sort.Type, reference.Index, offset) is ValueTypeInfo v
            ? v.Type
            : throw new InvalidModuleException($"type index {reference.Index} is not a defined value type", offset);

    public static TypeInfo Resolve(Scope scope, DefTypeSyntax syntax, int offset, Func<Declaration[], Scope, bool, TypeInfo> declarations) => syntax switch
    {
        PrimitiveTypeSyntax p => new ValueTypeInfo(Types.ValType.Of(p.Primitive)),
        RecordSyntax r => new ValueTypeInfo(new RecordType(Labeled(scope, r.Fields, offset, "field"))),
        VariantSyntax v => new ValueTypeInfo(new VariantType(Cases(scope, v.Cases, offset))),
        ListSyntax l => new ValueTypeInfo(new ListType(ValType(scope, l.Element, offset))),
        TupleSyntax t => new ValueTypeInfo(new TupleType(t.Elements.Select(e => ValType(scope, e, offset)).ToArray())),
        FlagsSyntax f => new ValueTypeInfo(new FlagsType(Labels(f.Labels, offset, "flag"))),
        EnumSyntax e => new ValueTypeInfo(new EnumType(Labels(e.Labels, offset, "enum case"))),
        OptionSyntax o => new ValueTypeInfo(new OptionType(ValType(scope, o.Payload, offset))),
        ResultSyntax r => new ValueTypeInfo(new ResultType(Optional(scope, r.Ok, offset), Optional(scope, r.Error, offset))),
        OwnSyntax o => new ValueTypeInfo(new HandleType(true, Resource(scope, o.ResourceIndex, offset))),
        BorrowSyntax b => new ValueTypeInfo(new HandleType(false, Resource(scope, b.ResourceIndex, offset))),
        FuncTypeSyntax f => new FuncTypeInfo(Func(scope, f, offset)),
        ComponentTypeSyntax c => declarations(c.Declarations, scope, true),
        InstanceTypeSyntax i => declarations(i.Declarations, scope, false),
        ResourceTypeSyntax => throw new InvalidModuleException("resources can only be defined within a concrete component", offset),
        _ => throw new InvalidModuleException("unknown type definition", offset),
    };

    public static ResourceIdentity Resource(Scope scope, int index, int offset) =>
        scope.Get(Sort.Type, index, offset) is ResourceTypeInfo r ? r.Resource : throw new InvalidModuleException($"type index {index} is not a resource type", offset);

    private static ValType? Optional(Scope scope, ValTypeRef? reference, int offset) => reference is { } r ? ValType(scope, r, offset) : null;

    private static FuncType Func(Scope scope, FuncTypeSyntax syntax, int offset)
    {
        var parameters = Labeled(scope, syntax.Parameters, offset, "function parameter");
        var result = Optional(scope, syntax.Result, offset);
        if (result is not null && ContainsBorrow(result)) throw new InvalidModuleException("function result cannot contain a `borrow` type", offset);
        return new FuncType(parameters, result);
    }

    public static bool ContainsBorrow(ValType type) => type switch
    {
        HandleType h => !h.IsOwn,
        ListType l => ContainsBorrow(l.Element),
        RecordType r => r.Fields.Any(f => ContainsBorrow(f.Type)),
        TupleType t => t.Elements.Any(ContainsBorrow),
        VariantType v => v.Cases.Any(c => c.Type is not null && ContainsBorrow(c.Type)),
        OptionType o => ContainsBorrow(o.Payload),
        ResultType r => (r.Ok is not null && ContainsBorrow(r.Ok)) || (r.Error is not null && ContainsBorrow(r.Error)),
        _ => false,
    };

    private static Field[] Labeled(Scope scope, LabeledType[] labeled, int offset, string what)
    {
        Labels(labeled.Select(l => l.Label).ToArray(), offset, what);
        return labeled.Select(l => new Field(l.Label, ValType(scope, l.Type, offset))).ToArray();
    }

    private static Case[] Cases(Scope scope, CaseSyntax[] cases, int offset)
    {
        Labels(cases.Select(c => c.Label).ToArray(), offset, "variant case");
        return cases.Select(c => new Case(c.Label, Optional(scope, c.Type, offset))).ToArray();
    }

    /// <summary>Labels must be kebab case and strongly unique (no two equal ignoring case).</summary>
    public static string[] Labels(string[] labels, int offset, string what)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in labels)
        {
            if (ExternNames.LabelError(label) is { } error) throw new InvalidModuleException($"{what} name {error}", offset);
            if (!seen.Add(label)) throw new InvalidModuleException($"{what} name `{label}` conflicts with previous name", offset);
        }
        return labels;
    }
}
