using WasmCloud.Components.Types;

namespace WasmCloud.Components.Wit;

/// <summary>
/// Which interface first defined each named type of a component, so that later interfaces (and the world)
/// refer to it with <c>use</c>. Records, variants, enums and flags are identified by their definition (an
/// import or export of a type copies the value type but shares its field and case arrays, so the copies are
/// equal); resources by their canonical identity. Aliases of other types (<c>type size = u64</c>) have no
/// identity left after validation, so they are matched by name and structure.
/// </summary>
internal sealed class WitTypeNames
{
    private readonly Dictionary<object, (WitUsePath? Interface, string Name)> _owners = new();
    private readonly List<(WitUsePath Interface, string Name, ValType Type)> _aliases = [];

    public WitTypeScope Scope(WitUsePath? iface) => new(this, iface);

    /// <summary>What identifies a named type, or null for a type that only aliases another.</summary>
    public static object? Key(TypeInfo type) => type switch
    {
        ResourceTypeInfo r => r.Resource.Canonical,
        ValueTypeInfo v => Key(v.Type),
        _ => null,
    };

    public static object? Key(ValType type) => type switch
    {
        RecordType or VariantType or EnumType or FlagsType => type,
        HandleType h when h.IsOwn => h.Resource.Canonical,
        _ => null,
    };

    /// <summary>
    /// Who named a type: by identity, or else by structure, since type substitution can leave a function
    /// signature with a copy of a named type rather than the type itself.
    /// </summary>
    public (WitUsePath? Interface, string Name)? Owner(object key)
    {
        if (_owners.TryGetValue(key, out var owner)) return owner;
        if (key is not ValType type) return null;
        foreach (var (candidate, named) in _owners)
            if (candidate is ValType other && SameStructure(type, other)) return named;
        return null;
    }

    private static bool SameStructure(ValType a, ValType b) => (a, b) switch
    {
        (RecordType x, RecordType y) => x.Fields.Length == y.Fields.Length
            && x.Fields.Zip(y.Fields).All(f => f.First.Name == f.Second.Name && SameStructure(f.First.Type, f.Second.Type)),
        (VariantType x, VariantType y) => x.Cases.Length == y.Cases.Length
            && x.Cases.Zip(y.Cases).All(c => c.First.Name == c.Second.Name && SameOptional(c.First.Type, c.Second.Type)),
        (EnumType x, EnumType y) => x.Labels.SequenceEqual(y.Labels),
        (FlagsType x, FlagsType y) => x.Labels.SequenceEqual(y.Labels),
        (ListType x, ListType y) => SameStructure(x.Element, y.Element),
        (OptionType x, OptionType y) => SameStructure(x.Payload, y.Payload),
        (ResultType x, ResultType y) => SameOptional(x.Ok, y.Ok) && SameOptional(x.Error, y.Error),
        (TupleType x, TupleType y) => x.Elements.Length == y.Elements.Length && x.Elements.Zip(y.Elements).All(e => SameStructure(e.First, e.Second)),
        (HandleType x, HandleType y) => x.IsOwn == y.IsOwn && x.Resource.Canonical == y.Resource.Canonical,
        _ => a.Equals(b),
    };

    private static bool SameOptional(ValType? a, ValType? b) => a is null ? b is null : b is not null && SameStructure(a, b);

    public void Own(object key, WitUsePath? iface, string name) => _owners.TryAdd(key, (iface, name));

    public WitUsePath? AliasOwner(string name, ValType type) =>
        _aliases.FirstOrDefault(a => a.Name == name && a.Type.Equals(type)).Interface;

    public void Alias(WitUsePath iface, string name, ValType type) => _aliases.Add((iface, name, type));
}
