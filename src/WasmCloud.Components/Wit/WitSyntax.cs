namespace WasmCloud.Components.Wit;

// The syntax tree of a WIT document (component-model design/mvp/WIT.md), as written: names are not resolved
// across interfaces or packages, feature gates (@since, @unstable, @deprecated) are read and dropped.

/// <summary>A package name: <c>namespace:name@version</c> (nested namespaces keep their colons).</summary>
public sealed record WitPackageName(string Namespace, string Name, string? Version)
{
    public override string ToString() => $"{Namespace}:{Name}{(Version is null ? "" : "@" + Version)}";
}

/// <summary>A <c>use</c> path: a sibling interface (<see cref="Package"/> null) or <c>ns:pkg/iface@version</c>.</summary>
public sealed record WitUsePath(WitPackageName? Package, string Interface)
{
    public override string ToString() => Package is null
        ? Interface
        : $"{Package.Namespace}:{Package.Name}/{Interface}{(Package.Version is null ? "" : "@" + Package.Version)}";
}

/// <summary>One WIT file: an optional package header, its items, and any nested <c>package … { }</c> blocks.</summary>
public sealed record WitDocument(WitPackageName? Package, IReadOnlyList<WitTopLevelItem> Items, IReadOnlyList<WitNestedPackage> NestedPackages);

public sealed record WitNestedPackage(WitPackageName Package, IReadOnlyList<WitTopLevelItem> Items);

public abstract record WitTopLevelItem(string? Docs);
public sealed record WitTopLevelUse(WitUsePath Path, string? Alias) : WitTopLevelItem((string?)null);
public sealed record WitInterface(string Name, IReadOnlyList<WitInterfaceItem> Items, string? Docs) : WitTopLevelItem(Docs);
public sealed record WitWorld(string Name, IReadOnlyList<WitWorldItem> Items, string? Docs) : WitTopLevelItem(Docs);

/// <summary>What an interface (or a world) contains: <c>use</c> items, type definitions and functions.</summary>
public abstract record WitInterfaceItem;
public sealed record WitUse(WitUsePath From, IReadOnlyList<(string Name, string? Alias)> Names) : WitInterfaceItem;
public sealed record WitFunction(string Name, WitFuncType Type, string? Docs) : WitInterfaceItem;

public abstract record WitTypeDefinition(string Name, string? Docs) : WitInterfaceItem;
public sealed record WitRecord(string Name, IReadOnlyList<WitField> Fields, string? Docs) : WitTypeDefinition(Name, Docs);
public sealed record WitVariant(string Name, IReadOnlyList<WitCase> Cases, string? Docs) : WitTypeDefinition(Name, Docs);
public sealed record WitEnum(string Name, IReadOnlyList<string> Cases, string? Docs) : WitTypeDefinition(Name, Docs);
public sealed record WitFlags(string Name, IReadOnlyList<string> Flags, string? Docs) : WitTypeDefinition(Name, Docs);
public sealed record WitTypeAlias(string Name, WitType Type, string? Docs) : WitTypeDefinition(Name, Docs);
public sealed record WitResource(string Name, IReadOnlyList<WitResourceMember> Members, string? Docs) : WitTypeDefinition(Name, Docs);

public sealed record WitField(string Name, WitType Type, string? Docs);
public sealed record WitCase(string Name, WitType? Type, string? Docs);

public enum WitResourceMemberKind { Constructor, Method, Static }

/// <summary>A resource's constructor (named <c>constructor</c>), method or static function.</summary>
public sealed record WitResourceMember(WitResourceMemberKind Kind, string Name, WitFuncType Type, string? Docs);

public sealed record WitParameter(string Name, WitType Type);
public sealed record WitFuncType(IReadOnlyList<WitParameter> Parameters, WitType? Result);

/// <summary>An item of a world: an import or export, an <c>include</c>, or an interface item (use, type).</summary>
public abstract record WitWorldItem;
public sealed record WitWorldInterfaceItem(WitInterfaceItem Item) : WitWorldItem;
public sealed record WitInclude(WitUsePath World, IReadOnlyList<(string Name, string Alias)> With) : WitWorldItem;

/// <summary><c>import</c>/<c>export</c> of a named interface path, a named function, or a named inline interface.</summary>
public sealed record WitWorldExtern(bool IsImport, WitExternKind Kind, string? Docs) : WitWorldItem;

public abstract record WitExternKind;
public sealed record WitExternPath(WitUsePath Path) : WitExternKind;
public sealed record WitExternFunction(string Name, WitFuncType Type) : WitExternKind;
public sealed record WitExternInterface(string Name, IReadOnlyList<WitInterfaceItem> Items) : WitExternKind;

/// <summary>A type as written where it is used.</summary>
public abstract record WitType;
/// <summary>A built-in scalar or <c>string</c>: <c>bool</c>, <c>u8</c> … <c>f64</c>, <c>char</c>, <c>string</c>.</summary>
public sealed record WitPrimitive(string Name) : WitType;
public sealed record WitNamed(string Name) : WitType;
public sealed record WitList(WitType Element) : WitType;
public sealed record WitOption(WitType Payload) : WitType;
public sealed record WitResult(WitType? Ok, WitType? Error) : WitType;
public sealed record WitTuple(IReadOnlyList<WitType> Elements) : WitType;
public sealed record WitBorrow(string Resource) : WitType;
public sealed record WitOwn(string Resource) : WitType;
