using WasmCloud.Wasm.Compilation;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>An instantiated module: its functions, tables, memory and globals, and its exports.</summary>
public sealed class Instance
{
    private readonly Dictionary<string, Extern> _exports;

    private Instance(Module module, Store store, VmContext context)
    {
        Module = module;
        Store = store;
        Context = context;
        _exports = new Dictionary<string, Extern>(StringComparer.Ordinal);
    }

    public Module Module { get; }
    public Store Store { get; }
    internal VmContext Context { get; }

    public IReadOnlyDictionary<string, Extern> Exports => _exports;

    public Extern? GetExport(string name) => _exports.GetValueOrDefault(name);
    public Func? GetFunction(string name) => GetExport(name) as Func;
    public Memory? GetMemory(string name) => GetExport(name) as Memory;
    public Table? GetTable(string name) => GetExport(name) as Table;
    public Global? GetGlobal(string name) => GetExport(name) as Global;

    /// <summary>
    /// Instantiates <paramref name="module"/> with imports given in the module's import order. Failures are
    /// <see cref="LinkException"/> (imports don't match), <see cref="WasmException"/> (limits), or
    /// <see cref="WasmTrap"/> (a segment out of bounds or a trapping start function).
    /// </summary>
    public static Instance Create(Store store, Module module, IReadOnlyList<Extern> imports)
    {
        if (store.Engine != module.Engine) throw new WasmException("the module was compiled by another engine than the store's");
        var definition = module.Definition;
        if (imports.Count != definition.Imports.Length)
            throw new LinkException($"module needs {definition.Imports.Length} imports, {imports.Count} were given");

        var context = new VmContext(store) { TypeIds = module.TypeIds };
        var instance = new Instance(module, store, context);
        context.Instance = instance;
        store.Register(context);

        var functions = new Func[definition.FunctionCount];
        var tables = new Table[definition.Tables.Length];
        var memories = new Memory[definition.Memories.Length];
        var globals = new Global[definition.Globals.Length];
        int function = 0, table = 0, memory = 0, global = 0;
        for (var i = 0; i < imports.Count; i++)
        {
            var import = definition.Imports[i];
            var provided = imports[i];
            switch (import.Kind)
            {
                case ExternKind.Function:
                    functions[function++] = ImportMatching.Function(import, provided, definition.Types[import.FunctionTypeIndex]).BindCaller(instance);
                    break;
                case ExternKind.Table: tables[table++] = ImportMatching.Table(import, provided); break;
                case ExternKind.Memory: memories[memory++] = ImportMatching.Memory(import, provided); break;
                case ExternKind.Global: globals[global++] = ImportMatching.Global(import, provided); break;
            }
        }

        var code = module.Code;
        for (var i = 0; i < code.FunctionPointers.Length; i++)
        {
            var index = definition.ImportedFunctionCount + i;
            functions[index] = new Func(store, definition.FunctionType(index), context, code.FunctionPointers[i], code);
        }
        context.Functions = functions;
        context.Globals = globals;
        for (var i = 0; i < definition.GlobalInitializers.Length; i++)
        {
            var index = definition.ImportedGlobalCount + i;
            globals[index] = new Global(definition.Globals[index], ConstantEvaluator.Evaluate(definition.GlobalInitializers[i], context));
        }
        for (var i = definition.ImportedTableCount; i < tables.Length; i++) tables[i] = new Table(definition.Tables[i], null, store.Limits.MaxTableElements);
        for (var i = definition.ImportedMemoryCount; i < memories.Length; i++) memories[i] = new Memory(definition.Memories[i], store.Limits.MaxMemoryPages);
        context.Tables = tables;
        context.Memory0 = memories.Length > 0 ? memories[0] : null;
        context.DataSegments = definition.Data.Select(d => d.Bytes).ToArray();
        context.ElementSegments = definition.Elements
            .Select(segment => segment.Items.Select(item => ConstantEvaluator.Evaluate(item, context).AsReference()).ToArray())
            .ToArray();

        foreach (var export in definition.Exports)
        {
            instance._exports[export.Name] = export.Kind switch
            {
                ExternKind.Function => functions[export.Index],
                ExternKind.Table => tables[export.Index],
                ExternKind.Memory => memories[export.Index],
                _ => globals[export.Index],
            };
        }

        InitializeSegments(definition, context);
        if (definition.StartFunction is { } start) functions[start].Call();
        return instance;
    }

    /// <summary>Applies active segments in order (elements, then data) and drops them, as the spec's instantiation does.</summary>
    private static void InitializeSegments(ModuleDefinition definition, VmContext context)
    {
        for (var i = 0; i < definition.Elements.Length; i++)
        {
            var segment = definition.Elements[i];
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = ConstantEvaluator.Evaluate(segment.Offset!, context).AsI32();
                GuestSupport.TableInit(offset, 0, segment.Items.Length, i, context.Tables[segment.TableIndex], context);
            }
            if (segment.Mode != SegmentMode.Passive) GuestSupport.ElemDrop(i, context);
        }
        for (var i = 0; i < definition.Data.Length; i++)
        {
            var segment = definition.Data[i];
            if (segment.Mode != SegmentMode.Active) continue;
            var offset = ConstantEvaluator.Evaluate(segment.Offset!, context).AsI32();
            GuestSupport.MemoryInit(offset, 0, segment.Bytes.Length, i, context);
            GuestSupport.DataDrop(i, context);
        }
    }
}
