namespace WasmCloud.Components.Format;

/// <summary>
/// One definition of a component, in binary order. Order matters: every definition appends to an index
/// space, and later definitions refer to earlier ones by index.
/// </summary>
public abstract record Definition(int Offset);

public sealed record CoreModuleDefinition(ReadOnlyMemory<byte> Binary, int Offset) : Definition(Offset);
public sealed record CoreInstantiateDefinition(int Module, CoreInstantiateArg[] Args, int Offset) : Definition(Offset);
public sealed record CoreInlineInstanceDefinition(InlineExport[] Exports, int Offset) : Definition(Offset);
public sealed record CoreTypeDefinition(CoreTypeSyntax Type, int Offset) : Definition(Offset);
public sealed record ComponentDefinition(ComponentSyntax Component, int Offset) : Definition(Offset);
public sealed record InstantiateDefinition(int Component, InstantiateArg[] Args, int Offset) : Definition(Offset);
public sealed record InlineInstanceDefinition(InlineExport[] Exports, int Offset) : Definition(Offset);
public sealed record AliasDefinition(AliasSyntax Alias, int Offset) : Definition(Offset);
public sealed record TypeDefinition(DefTypeSyntax Type, int Offset) : Definition(Offset);
public sealed record CanonDefinition(CanonSyntax Canon, int Offset) : Definition(Offset);
public sealed record ImportDefinition(string Name, ExternTypeSyntax Type, int Offset) : Definition(Offset);
public sealed record ExportDefinition(string Name, SortIndex Item, ExternTypeSyntax? Ascribed, int Offset) : Definition(Offset);

public sealed record CoreInstantiateArg(string Name, int Instance);
public sealed record InstantiateArg(string Name, SortIndex Item);
public sealed record InlineExport(string Name, SortIndex Item);

/// <summary><c>alias</c>: an export of a (core) instance, or an outer definition.</summary>
public abstract record AliasSyntax(Sort Sort);
public sealed record InstanceExportAlias(Sort Sort, int Instance, string Name) : AliasSyntax(Sort);
public sealed record CoreInstanceExportAlias(Sort Sort, int Instance, string Name) : AliasSyntax(Sort);
public sealed record OuterAlias(Sort Sort, int Count, int Index) : AliasSyntax(Sort);

/// <summary>The string encodings of <c>canonopt</c>.</summary>
public enum StringEncoding : byte { Utf8, Utf16, Latin1Utf16 }

/// <summary>The options of a <c>canon lift</c> or <c>canon lower</c>.</summary>
public sealed record CanonOptions(StringEncoding Encoding, int? Memory, int? Realloc, int? PostReturn);

public abstract record CanonSyntax;
public sealed record CanonLift(int CoreFunc, CanonOptions Options, int FuncType) : CanonSyntax;
public sealed record CanonLower(int Func, CanonOptions Options) : CanonSyntax;
public sealed record CanonResourceNew(int Resource) : CanonSyntax;
public sealed record CanonResourceDrop(int Resource) : CanonSyntax;
public sealed record CanonResourceRep(int Resource) : CanonSyntax;

/// <summary>A decoded component: its definitions in order.</summary>
public sealed record ComponentSyntax(Definition[] Definitions);
