using System.Text;
using WasmCloud.Components.Types;

namespace WasmCloud.Components.Wit;

/// <summary>
/// The names types have inside one interface or the world being printed, and the <c>use</c> items that
/// bring in types other interfaces define.
/// </summary>
internal sealed class WitTypeScope(WitTypeNames names, WitUsePath? iface)
{
    private readonly Dictionary<object, string> _local = new();
    private readonly List<(string From, List<string> Names)> _uses = [];

    /// <summary>The <c>use</c> items this scope needs, one per source interface.</summary>
    public string Uses(string indent) =>
        string.Concat(_uses.Select(u => $"{indent}use {u.From}.{{{string.Join(", ", u.Names)}}};\n"));

    /// <summary>The definition of a type this scope exports as <paramref name="name"/>; empty when it is a <c>use</c>.</summary>
    public string Define(string name, TypeInfo type, string indent, IReadOnlyList<(string Export, FuncType Type)> resourceMembers)
    {
        if (WitTypeNames.Key(type) is { } key)
        {
            if (_local.TryGetValue(key, out var local)) return $"{indent}type {Escape(name)} = {Escape(local)};\n";
            if (names.Owner(key) is { Interface: { } owner } known && !owner.Equals(iface))
            {
                Use(owner, known.Name, name, key);
                return "";
            }
            _local[key] = name;
            names.Own(key, iface, name);
            return Definition(name, type, indent, resourceMembers);
        }
        if (type is not ValueTypeInfo alias) throw new ComponentException($"type `{name}` is not a value type or resource, which WIT cannot describe");
        if (names.AliasOwner(name, alias.Type) is { } aliasOwner && !aliasOwner.Equals(iface))
        {
            Use(aliasOwner, name, name, null);
            return "";
        }
        if (iface is not null) names.Alias(iface, name, alias.Type);
        return $"{indent}type {Escape(name)} = {Type(alias.Type)};\n";
    }

    private void Use(WitUsePath from, string original, string name, object? key)
    {
        var path = iface?.Package is { } here && from.Package is { } there && here.Equals(there) ? Escape(from.Interface) : from.ToString();
        var item = original == name ? Escape(name) : $"{Escape(original)} as {Escape(name)}";
        var entry = _uses.FirstOrDefault(u => u.From == path);
        if (entry.Names is null) _uses.Add((path, [item]));
        else entry.Names.Add(item);
        if (key is not null) _local[key] = name;
    }

    private string Definition(string name, TypeInfo type, string indent, IReadOnlyList<(string Export, FuncType Type)> resourceMembers)
    {
        var inner = indent + "  ";
        var b = new StringBuilder();
        switch (type)
        {
            case ResourceTypeInfo when resourceMembers.Count == 0:
                return $"{indent}resource {Escape(name)};\n";
            case ResourceTypeInfo:
                b.Append($"{indent}resource {Escape(name)} {{\n");
                foreach (var (export, function) in resourceMembers) b.Append(inner).Append(Member(export, function)).Append(";\n");
                break;
            case ValueTypeInfo { Type: RecordType r }:
                b.Append($"{indent}record {Escape(name)} {{\n");
                foreach (var field in r.Fields) b.Append($"{inner}{Escape(field.Name)}: {Type(field.Type)},\n");
                break;
            case ValueTypeInfo { Type: VariantType v }:
                b.Append($"{indent}variant {Escape(name)} {{\n");
                foreach (var c in v.Cases) b.Append($"{inner}{Escape(c.Name)}{(c.Type is null ? "" : $"({Type(c.Type)})")},\n");
                break;
            case ValueTypeInfo { Type: EnumType e }:
                b.Append($"{indent}enum {Escape(name)} {{\n");
                foreach (var label in e.Labels) b.Append($"{inner}{Escape(label)},\n");
                break;
            case ValueTypeInfo { Type: FlagsType f }:
                b.Append($"{indent}flags {Escape(name)} {{\n");
                foreach (var label in f.Labels) b.Append($"{inner}{Escape(label)},\n");
                break;
        }
        return b.Append(indent).Append("}\n").ToString();
    }

    /// <summary>A resource function by its annotated export name: <c>[constructor]r</c>, <c>[method]r.m</c> or <c>[static]r.m</c>.</summary>
    private string Member(string export, FuncType function)
    {
        if (export.StartsWith("[constructor]", StringComparison.Ordinal))
            return $"constructor({Parameters(function, skipSelf: false)})";
        var member = Escape(export[(export.IndexOf('.') + 1)..]);
        return export.StartsWith("[static]", StringComparison.Ordinal)
            ? $"{member}: static {Func(function, skipSelf: false)}"
            : $"{member}: {Func(function, skipSelf: true)}";
    }

    public string Func(FuncType function, bool skipSelf) =>
        $"func({Parameters(function, skipSelf)}){(function.Result is null ? "" : " -> " + Type(function.Result))}";

    private string Parameters(FuncType function, bool skipSelf) =>
        string.Join(", ", function.Parameters.Skip(skipSelf ? 1 : 0).Select(p => $"{Escape(p.Name)}: {Type(p.Type)}"));

    public string Type(ValType type) => type switch
    {
        PrimitiveValType p => p.ToString(),
        ListType l => $"list<{Type(l.Element)}>",
        OptionType o => $"option<{Type(o.Payload)}>",
        TupleType t => $"tuple<{string.Join(", ", t.Elements.Select(Type))}>",
        ResultType { Ok: null, Error: null } => "result",
        ResultType { Error: null } r => $"result<{Type(r.Ok!)}>",
        ResultType r => $"result<{(r.Ok is null ? "_" : Type(r.Ok))}, {Type(r.Error)}>",
        HandleType { IsOwn: false } h => $"borrow<{Named(h.Resource.Canonical)}>",
        _ => Named(WitTypeNames.Key(type) ?? throw new ComponentException($"no WIT form for {type}")),
    };

    /// <summary>The name of a named type here; one defined elsewhere is brought in with a <c>use</c>.</summary>
    private string Named(object key)
    {
        if (_local.TryGetValue(key, out var name)) return Escape(name);
        if (names.Owner(key) is { } known)
        {
            if (known.Interface is { } owner && !owner.Equals(iface)) Use(owner, known.Name, known.Name, key);
            return Escape(known.Name);
        }
        throw new ComponentException($"a function mentions a type that no import or export names ({key.GetType().Name})");
    }

    public static string Escape(string name) => WitParser.IsReservedWord(name) ? "%" + name : name;
}
