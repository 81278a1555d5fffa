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

    public (WitUsePath? Interface, string Name)? Owner(object key) => _owners.TryGetValue(key, out var owner) ? owner : null;

    public void Own(object key, WitUsePath? iface, string name) => _owners.TryAdd(key, (iface, name));

    public WitUsePath? AliasOwner(string name, ValType type) =>
        _aliases.FirstOrDefault(a => a.Name == name && a.Type.Equals(type)).Interface;

    public void Alias(WitUsePath iface, string name, ValType type) => _aliases.Add((iface, name, type));
}
