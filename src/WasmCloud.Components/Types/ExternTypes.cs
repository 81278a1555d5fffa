using WasmCloud.Wasm.Format;
using CoreFuncType = WasmCloud.Wasm.Format.FuncType;

namespace WasmCloud.Components.Types;

/// <summary>What an entry of a component's type index space is, once resolved.</summary>
public abstract record TypeInfo;
public sealed record ValueTypeInfo(ValType Type) : TypeInfo;
public sealed record FuncTypeInfo(FuncType Type) : TypeInfo;
public sealed record ResourceTypeInfo(ResourceIdentity Resource) : TypeInfo;

/// <summary>
/// An instance's exports. <see cref="Defined"/> lists the abstract resources an instance <em>type</em> declares
/// with <c>(export (type (sub resource)))</c>: each import or export of the type gets fresh ones, so two
/// instances of one type never share resources. A concrete instance defines none.
/// </summary>
public sealed record InstanceTypeInfo(IReadOnlyDictionary<string, ExternInfo> Exports, IReadOnlyList<ResourceIdentity> Defined) : TypeInfo;

public sealed record ComponentTypeInfo(IReadOnlyDictionary<string, ExternInfo> Imports, IReadOnlyDictionary<string, ExternInfo> Exports) : TypeInfo;

/// <summary>The type of something imported or exported.</summary>
public abstract record ExternInfo;
public sealed record FuncExtern(FuncType Type) : ExternInfo;
public sealed record TypeExtern(TypeInfo Type) : ExternInfo;
public sealed record InstanceExtern(InstanceTypeInfo Type) : ExternInfo;
public sealed record ComponentExtern(ComponentTypeInfo Type) : ExternInfo;
public sealed record CoreModuleExtern(CoreModuleTypeInfo Type) : ExternInfo;

/// <summary>A core extern's type: a function type or a table, memory or global type.</summary>
public sealed record CoreExternInfo(ExternKind Kind, CoreFuncType? Func, TableType? Table, MemoryType? Memory, GlobalType? Global);

/// <summary>A core module's imports (by module and name) and exports.</summary>
public sealed record CoreModuleTypeInfo(IReadOnlyList<(string Module, string Name, CoreExternInfo Type)> Imports, IReadOnlyDictionary<string, CoreExternInfo> Exports);

/// <summary>What a core instance exports.</summary>
public sealed record CoreInstanceInfo(IReadOnlyDictionary<string, CoreExternInfo> Exports);
