using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>
/// What instantiation needs from a module, worked out once when the module is loaded rather than for
/// every instance: export lookup, which functions need a <see cref="Func"/> object (and its slot), element
/// segments as plain function indices, and the tables that can be filled lazily.
/// </summary>
internal sealed class InstantiationPlan
{
    public InstantiationPlan(ModuleDefinition definition)
    {
        ExportsByName = definition.Exports.ToDictionary(e => e.Name, StringComparer.Ordinal);

        // Only functions that can be named at run time need an object: imports (called through their Func),
        // exports, element items, ref.func targets (which validation limits to those) and the start function.
        _referenceable = new bool[definition.FunctionCount];
        Array.Fill(_referenceable, true, 0, definition.ImportedFunctionCount);
        foreach (var export in definition.Exports)
            if (export.Kind == ExternKind.Function) _referenceable[export.Index] = true;
        foreach (var init in definition.GlobalInitializers) MarkReferences(init);
        foreach (var segment in definition.Elements)
            foreach (var item in segment.Items) MarkReferences(item);
        if (definition.StartFunction is { } start) _referenceable[start] = true;
        FunctionSlots = new int[definition.FunctionCount];
        for (var i = 0; i < FunctionSlots.Length; i++) FunctionSlots[i] = _referenceable[i] ? SlotCount++ : -1;

        ElementFunctionIndices = definition.Elements.Select(FunctionIndices).ToArray();
        LazyTableSlots = LazyTables(definition);
        MemoryImage = MemoryImage.TryBuild(definition);
        DataSegmentsAfterImage = definition.Data.Select(d => d.Mode == SegmentMode.Active ? ReadOnlyMemory<byte>.Empty : d.Bytes).ToArray();
    }

    /// <summary>The active data segments applied in advance, when that cannot trap; null otherwise.</summary>
    public MemoryImage? MemoryImage { get; }

    /// <summary>The data segments as instantiation leaves them (active ones dropped); shared until an instance drops one.</summary>
    public ReadOnlyMemory<byte>[] DataSegmentsAfterImage { get; }

    // Only read while the slots are worked out.
    private readonly bool[] _referenceable;

    public Dictionary<string, Export> ExportsByName { get; }

    /// <summary>
    /// Per function index, its slot in an instance's function objects, or -1 when nothing can name it. Imports
    /// come first, so an import's slot is its index (compiled code loads imported functions by index).
    /// </summary>
    public int[] FunctionSlots { get; }
    public int SlotCount { get; }

    /// <summary>
    /// Per table, what its active segments leave in each slot as a function index (-1 for null), when that is
    /// known without running anything: a table the module defines, filled only by segments of function indices
    /// at constant offsets that fit. Such a table starts empty and each slot is filled on its first use, so an
    /// instance that calls a few of thousands of table functions creates a few function objects. Null for a
    /// table filled at instantiation.
    /// </summary>
    public int[]?[] LazyTableSlots { get; }

    /// <summary>Per element segment, its items as function indices (-1 for null), or null when an item needs evaluating.</summary>
    public int[]?[] ElementFunctionIndices { get; }

    private int[]?[] LazyTables(ModuleDefinition definition)
    {
        var slots = new int[]?[definition.Tables.Length];
        for (var table = definition.ImportedTableCount; table < slots.Length; table++)
        {
            var type = definition.Tables[table];
            // A table too large for any store fails instantiation on the ordinary path.
            if (type.ElementType != Format.ValueType.FuncRef || type.Limits.Min > Decoding.WasmLimits.MaxTableElements) continue;
            var filled = new int[type.Limits.Min];
            Array.Fill(filled, -1);
            slots[table] = filled;
            for (var s = 0; s < definition.Elements.Length; s++)
            {
                var segment = definition.Elements[s];
                if (segment.Mode != SegmentMode.Active || segment.TableIndex != table) continue;
                if (ElementFunctionIndices[s] is not { } indices || segment.Offset!.Instructions is not [{ Opcode: Opcodes.I32Const } offset]
                    || (uint)offset.Immediate + (ulong)indices.Length > (ulong)filled.Length)
                {
                    slots[table] = null;
                    break;
                }
                indices.CopyTo(filled, (int)(uint)offset.Immediate);
            }
        }
        return slots;
    }

    private void MarkReferences(ConstExpr expr)
    {
        foreach (var instruction in expr.Instructions)
            if (instruction.Opcode == Opcodes.RefFunc) _referenceable[(int)instruction.Immediate] = true;
    }

    private static int[]? FunctionIndices(ElementSegment segment)
    {
        var indices = new int[segment.Items.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            var item = segment.Items[i];
            if (item.RefFuncIndex is >= 0 and var function) indices[i] = function;
            else if (item.Instructions is [{ Opcode: Opcodes.RefNull }]) indices[i] = -1;
            else return null;
        }
        return indices;
    }
}
