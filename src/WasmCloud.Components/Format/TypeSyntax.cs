using WasmCloud.Wasm.Format;
using CoreValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Components.Format;

/// <summary>A component-level type definition (<c>deftype</c>) as decoded, before indices are resolved.</summary>
public abstract record DefTypeSyntax;

public sealed record PrimitiveTypeSyntax(PrimitiveType Primitive) : DefTypeSyntax;
public sealed record RecordSyntax(LabeledType[] Fields) : DefTypeSyntax;
public sealed record VariantSyntax(CaseSyntax[] Cases) : DefTypeSyntax;
public sealed record ListSyntax(ValTypeRef Element) : DefTypeSyntax;
public sealed record TupleSyntax(ValTypeRef[] Elements) : DefTypeSyntax;
public sealed record FlagsSyntax(string[] Labels) : DefTypeSyntax;
public sealed record EnumSyntax(string[] Labels) : DefTypeSyntax;
public sealed record OptionSyntax(ValTypeRef Payload) : DefTypeSyntax;
public sealed record ResultSyntax(ValTypeRef? Ok, ValTypeRef? Error) : DefTypeSyntax;
public sealed record OwnSyntax(int ResourceIndex) : DefTypeSyntax;
public sealed record BorrowSyntax(int ResourceIndex) : DefTypeSyntax;
public sealed record FuncTypeSyntax(LabeledType[] Parameters, ValTypeRef? Result) : DefTypeSyntax;
public sealed record ComponentTypeSyntax(Declaration[] Declarations) : DefTypeSyntax;
public sealed record InstanceTypeSyntax(Declaration[] Declarations) : DefTypeSyntax;
public sealed record ResourceTypeSyntax(CoreValueType Representation, int? Destructor) : DefTypeSyntax;

/// <summary>A declarator inside a component or instance type.</summary>
public abstract record Declaration(int Offset);
public sealed record CoreTypeDeclaration(CoreTypeSyntax Type, int Offset) : Declaration(Offset);
public sealed record TypeDeclaration(DefTypeSyntax Type, int Offset) : Declaration(Offset);
public sealed record AliasDeclaration(AliasSyntax Alias, int Offset) : Declaration(Offset);
public sealed record ImportDeclaration(string Name, ExternTypeSyntax Type, int Offset) : Declaration(Offset);
public sealed record ExportDeclaration(string Name, ExternTypeSyntax Type, int Offset) : Declaration(Offset);

/// <summary>The type of an import or export: <c>externtype</c>.</summary>
public enum ExternTypeKind : byte { CoreModule, Func, Value, Type, Component, Instance }

/// <summary>
/// <c>externtype</c>: the kind and a type index; for <see cref="ExternTypeKind.Type"/> either <c>(eq i)</c>
/// or, when <see cref="IsSubResource"/>, a fresh abstract resource.
/// </summary>
public sealed record ExternTypeSyntax(ExternTypeKind Kind, int TypeIndex, bool IsSubResource = false)
{
    public Sort Sort => Kind switch
    {
        ExternTypeKind.CoreModule => Sort.CoreModule,
        ExternTypeKind.Func => Sort.Func,
        ExternTypeKind.Value => Sort.Value,
        ExternTypeKind.Type => Sort.Type,
        ExternTypeKind.Component => Sort.Component,
        _ => Sort.Instance,
    };
}

/// <summary>A core type in a component: a function type, or a module type with its declarators.</summary>
public abstract record CoreTypeSyntax;
public sealed record CoreFuncTypeSyntax(FuncType Type) : CoreTypeSyntax;
public sealed record CoreModuleTypeSyntax(CoreModuleDeclaration[] Declarations) : CoreTypeSyntax;

/// <summary>A core extern type as it appears in a module type's imports and exports.</summary>
public sealed record CoreExternTypeSyntax(ExternKind Kind, int FunctionTypeIndex, TableType? Table, MemoryType? Memory, GlobalType? Global);

public abstract record CoreModuleDeclaration;
public sealed record CoreImportDeclaration(string Module, string Name, CoreExternTypeSyntax Type) : CoreModuleDeclaration;
public sealed record CoreTypeInModuleDeclaration(CoreTypeSyntax Type) : CoreModuleDeclaration;
public sealed record CoreOuterAliasDeclaration(int Count, int Index) : CoreModuleDeclaration;
public sealed record CoreExportDeclaration(string Name, CoreExternTypeSyntax Type) : CoreModuleDeclaration;
