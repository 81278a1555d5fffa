using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Validation;

/// <summary>Checks a decoded module against the validation rules of WebAssembly 2.0 (plus extended-const).</summary>
public static class ModuleValidator
{
    /// <summary>Validates the module; returns the facts of each defined function, in order.</summary>
    public static FunctionFacts[] Validate(ModuleDefinition module)
    {
        var importAt = module.OffsetOf(SectionId.Import);
        foreach (var import in module.Imports)
        {
            var what = $"import {import.Module}.{import.Name}";
            switch (import.Kind)
            {
                case ExternKind.Function:
                    if (import.FunctionTypeIndex >= module.Types.Length)
                        throw new InvalidModuleException($"unknown type {import.FunctionTypeIndex} for {what}", importAt);
                    break;
                case ExternKind.Table: ValidateTableType(import.Table!, what, importAt); break;
                case ExternKind.Memory: ValidateMemoryType(import.Memory!, what, importAt); break;
            }
        }
        for (var i = module.ImportedFunctionCount; i < module.FunctionCount; i++)
        {
            if (module.FunctionTypes[i] >= module.Types.Length)
                throw new InvalidModuleException($"unknown type {module.FunctionTypes[i]} for function {i}", module.OffsetOf(SectionId.Function));
        }
        for (var i = module.ImportedTableCount; i < module.Tables.Length; i++) ValidateTableType(module.Tables[i], $"table {i}", module.OffsetOf(SectionId.Table));
        for (var i = module.ImportedMemoryCount; i < module.Memories.Length; i++) ValidateMemoryType(module.Memories[i], $"memory {i}", module.OffsetOf(SectionId.Memory));
        if (module.Memories.Length > 1) throw new InvalidModuleException("multiple memories are not supported", module.OffsetOf(SectionId.Memory));

        for (var i = 0; i < module.GlobalInitializers.Length; i++)
        {
            var type = module.Globals[module.ImportedGlobalCount + i].ValueType;
            ValidateConstExpr(module, module.GlobalInitializers[i], type);
        }

        var declared = DeclaredFunctionReferences(module);
        ValidateExports(module);
        if (module.StartFunction is { } start)
        {
            if (start >= module.FunctionCount) throw new InvalidModuleException($"unknown function {start} for start", module.OffsetOf(SectionId.Start));
            var type = module.FunctionType(start);
            if (type.Parameters.Length != 0 || type.Results.Length != 0)
                throw new InvalidModuleException($"start function {start} must have type [] -> [], not {type}", module.OffsetOf(SectionId.Start));
        }
        ValidateElements(module);
        ValidateData(module);

        var validator = new FunctionValidator(module, declared);
        var facts = new FunctionFacts[module.Bodies.Length];
        for (var i = 0; i < module.Bodies.Length; i++) facts[i] = validator.Validate(module.ImportedFunctionCount + i, module.Bodies[i]);
        return facts;
    }

    /// <summary>The statement boundaries of one (already validated) function, for splitting it.</summary>
    public static List<StatementBoundary> StatementBoundaries(ModuleDefinition module, int functionIndex)
    {
        var boundaries = new List<StatementBoundary>();
        new FunctionValidator(module, DeclaredFunctionReferences(module))
            .Validate(functionIndex, module.Bodies[functionIndex - module.ImportedFunctionCount], boundaries);
        return boundaries;
    }

    private static void ValidateTableType(TableType table, string what, int offset)
    {
        if (table.Limits.Max is { } max && table.Limits.Min > max)
            throw new InvalidModuleException($"size minimum must not be greater than maximum ({what}: {table.Limits})", offset);
    }

    private static void ValidateMemoryType(MemoryType memory, string what, int offset)
    {
        if (memory.Limits.Min > MemoryType.MaxPages || memory.Limits.Max > MemoryType.MaxPages)
            throw new InvalidModuleException($"memory size must be at most 65536 pages (4GiB) ({what}: {memory.Limits})", offset);
        if (memory.Limits.Max is { } max && memory.Limits.Min > max)
            throw new InvalidModuleException($"size minimum must not be greater than maximum ({what}: {memory.Limits})", offset);
    }

    private static void ValidateExports(ModuleDefinition module)
    {
        var exportAt = module.OffsetOf(SectionId.Export);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in module.Exports)
        {
            if (!names.Add(export.Name)) throw new InvalidModuleException($"duplicate export name \"{export.Name}\"", exportAt);
            var count = export.Kind switch
            {
                ExternKind.Function => module.FunctionCount,
                ExternKind.Table => module.Tables.Length,
                ExternKind.Memory => module.Memories.Length,
                _ => module.Globals.Length,
            };
            if (export.Index >= count) throw new InvalidModuleException($"unknown {export.Kind.ToString().ToLowerInvariant()} {export.Index} in export \"{export.Name}\"", exportAt);
        }
    }

    private static void ValidateElements(ModuleDefinition module)
    {
        foreach (var segment in module.Elements)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                if (segment.TableIndex >= module.Tables.Length) throw new InvalidModuleException($"unknown table {segment.TableIndex}", segment.Offset!.Offset);
                if (module.Tables[segment.TableIndex].ElementType != segment.ElementType)
                    throw new InvalidModuleException("type mismatch: element segment type differs from its table's", segment.Offset!.Offset);
                ValidateConstExpr(module, segment.Offset!, ValueType.I32);
            }
            foreach (var item in segment.Items) ValidateConstExpr(module, item, segment.ElementType);
        }
    }

    private static void ValidateData(ModuleDefinition module)
    {
        foreach (var segment in module.Data)
        {
            if (segment.Mode != SegmentMode.Active) continue;
            if (segment.MemoryIndex >= module.Memories.Length) throw new InvalidModuleException($"unknown memory {segment.MemoryIndex}", segment.Offset!.Offset);
            ValidateConstExpr(module, segment.Offset!, ValueType.I32);
        }
    }

    /// <summary>
    /// Functions that may be named by <c>ref.func</c> in code: those referenced from globals, element
    /// segments and exports.
    /// </summary>
    private static HashSet<int> DeclaredFunctionReferences(ModuleDefinition module)
    {
        var declared = new HashSet<int>();
        void Collect(ConstExpr expr)
        {
            foreach (var instruction in expr.Instructions)
                if (instruction.Opcode == Opcodes.RefFunc) declared.Add((int)instruction.Immediate);
        }
        foreach (var init in module.GlobalInitializers) Collect(init);
        foreach (var segment in module.Elements)
            foreach (var item in segment.Items) Collect(item);
        foreach (var export in module.Exports)
            if (export.Kind == ExternKind.Function) declared.Add(export.Index);
        return declared;
    }

    /// <summary>Type-checks a constant expression; only imported immutable globals may be read.</summary>
    private static void ValidateConstExpr(ModuleDefinition module, ConstExpr expr, ValueType expected)
    {
        var stack = new List<ValueType>();
        InvalidModuleException Error(string message) => new(message, expr.Offset);
        void Binary(ValueType type)
        {
            if (stack.Count < 2 || stack[^1] != type || stack[^2] != type) throw Error("type mismatch in constant expression");
            stack.RemoveAt(stack.Count - 1);
        }

        foreach (var instruction in expr.Instructions)
        {
            switch (instruction.Opcode)
            {
                case Opcodes.I32Const: stack.Add(ValueType.I32); break;
                case Opcodes.I64Const: stack.Add(ValueType.I64); break;
                case Opcodes.F32Const: stack.Add(ValueType.F32); break;
                case Opcodes.F64Const: stack.Add(ValueType.F64); break;
                case Opcodes.V128Const: stack.Add(ValueType.V128); break;
                case Opcodes.RefNull: stack.Add((ValueType)instruction.Immediate); break;
                case Opcodes.RefFunc:
                    if (instruction.Immediate >= (ulong)module.FunctionCount) throw Error($"unknown function {instruction.Immediate}");
                    stack.Add(ValueType.FuncRef);
                    break;
                case Opcodes.GlobalGet:
                {
                    if (instruction.Immediate >= (ulong)module.ImportedGlobalCount) throw Error($"unknown global {instruction.Immediate}: constant expressions may only read imported globals");
                    var global = module.Globals[(int)instruction.Immediate];
                    if (global.Mutable) throw Error("constant expression required: global is mutable");
                    stack.Add(global.ValueType);
                    break;
                }
                case Opcodes.I32Add or Opcodes.I32Sub or Opcodes.I32Mul: Binary(ValueType.I32); break;
                case Opcodes.I64Add or Opcodes.I64Sub or Opcodes.I64Mul: Binary(ValueType.I64); break;
            }
        }
        if (stack.Count != 1 || stack[0] != expected)
            throw Error($"type mismatch: constant expression must produce one {expected.Name()}");
    }
}
