using WasmCloud.Wasm.Compilation;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>An instantiated module: its functions, tables, memory and globals, and its exports.</summary>
public sealed class Instance
{
    private Instance(Module module, Store store, VmContext context)
    {
        Module = module;
        Store = store;
        Context = context;
    }

    public Module Module { get; }
    public Store Store { get; }
    internal VmContext Context { get; }

    /// <summary>Every export by name (built on each call; use <see cref="GetExport"/> for lookups).</summary>
    public IReadOnlyDictionary<string, Extern> Exports =>
        Module.Definition.Exports.ToDictionary(e => e.Name, ExternOf, StringComparer.Ordinal);

    public Extern? GetExport(string name) => Module.Plan.ExportsByName.TryGetValue(name, out var export) ? ExternOf(export) : null;

    private Extern ExternOf(Export export) => export.Kind switch
    {
        ExternKind.Function => Context.Function(export.Index),
        ExternKind.Table => Context.Tables[export.Index],
        ExternKind.Memory => Context.Memory0!,
        _ => Context.Globals[export.Index],
    };
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

        var functions = new Func?[module.Plan.SlotCount];
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
                    functions[function++] = ImportMatching.Function(import, provided, definition.Types[import.FunctionTypeIndex], store, instance);
                    break;
                case ExternKind.Table: tables[table++] = ImportMatching.Table(import, provided); break;
                case ExternKind.Memory: memories[memory++] = ImportMatching.Memory(import, provided); break;
                case ExternKind.Global: globals[global++] = ImportMatching.Global(import, provided); break;
            }
        }

        context.Functions = functions;
        context.Globals = globals;
        for (var i = 0; i < definition.GlobalInitializers.Length; i++)
        {
            var index = definition.ImportedGlobalCount + i;
            globals[index] = new Global(definition.Globals[index], ConstantEvaluator.Evaluate(definition.GlobalInitializers[i], context));
        }
        for (var i = definition.ImportedTableCount; i < tables.Length; i++)
            tables[i] = new Table(definition.Tables[i], null, store.Limits.MaxTableElements) { Pending = module.Plan.LazyTableSlots[i] is { } slots ? new(slots, context) : null };
        for (var i = definition.ImportedMemoryCount; i < memories.Length; i++)
            memories[i] = store.Own(new Memory(definition.Memories[i], store.Limits.MaxMemoryPages, store.Engine.MemoryPool, i == 0 ? module.Plan.MemoryImage : null));
        context.Tables = tables;
        context.Memory0 = memories.Length > 0 ? memories[0] : null;
        context.ElementSegments = ElementItems(definition, module.Plan, context);

        InitializeSegments(definition, module.Plan, context);
        if (definition.StartFunction is { } start) context.Function(start).Call();
        return instance;
    }

    /// <summary>
    /// The items of each element segment as the instance's <c>table.init</c> sees them: only passive segments
    /// keep theirs; active and declarative ones are dropped by instantiation (active ones are written straight
    /// into their table, without an intermediate array).
    /// </summary>
    private static object?[][] ElementItems(ModuleDefinition definition, InstantiationPlan plan, VmContext context)
    {
        var segments = new object?[definition.Elements.Length][];
        for (var s = 0; s < segments.Length; s++)
            segments[s] = definition.Elements[s].Mode == SegmentMode.Passive ? Resolve(definition, plan, context, s) : [];
        return segments;
    }

    private static object?[] Resolve(ModuleDefinition definition, InstantiationPlan plan, VmContext context, int segment)
    {
        var items = definition.Elements[segment].Items;
        var indices = plan.ElementFunctionIndices[segment];
        var resolved = new object?[items.Length];
        for (var i = 0; i < resolved.Length; i++)
            resolved[i] = indices is null ? ConstantEvaluator.Evaluate(items[i], context).AsReference() : indices[i] < 0 ? null : context.Function(indices[i]);
        return resolved;
    }

    /// <summary>Applies active segments in order (elements, then data) and drops them, as the spec's instantiation does.</summary>
    private static void InitializeSegments(ModuleDefinition definition, InstantiationPlan plan, VmContext context)
    {
        for (var i = 0; i < definition.Elements.Length; i++)
        {
            var segment = definition.Elements[i];
            // A lazily filled table already knows what its segments put where.
            if (segment.Mode != SegmentMode.Active || plan.LazyTableSlots[segment.TableIndex] is not null) continue;
            var offset = ConstantEvaluator.Evaluate(segment.Offset!, context).AsI32();
            var elements = context.Tables[segment.TableIndex].Elements;
            if ((ulong)(uint)offset + (uint)segment.Items.Length > (ulong)elements.Length) throw new WasmTrap(TrapKind.TableOutOfBounds);
            if (plan.ElementFunctionIndices[i] is { } indices)
            {
                for (var item = 0; item < indices.Length; item++) elements[offset + item] = indices[item] < 0 ? null : context.Function(indices[item]);
            }
            else Resolve(definition, plan, context, i).CopyTo(elements, offset);
        }
        if (plan.MemoryImage is { } image)
        {
            if (!context.Memory0!.ImageApplied) image.ApplyTo(context.Memory0);
            context.DataSegments = plan.DataSegmentsAfterImage;
            return;
        }
        context.DataSegments = definition.Data.Select(d => d.Bytes).ToArray();
        context.OwnsDataSegments = true;
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
