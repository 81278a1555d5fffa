using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>
/// What instantiation needs from a module, worked out once when the module is loaded rather than for
/// every instance: export lookup, which functions need a <see cref="Func"/> object, and element segments
/// as plain function indices.
/// </summary>
internal sealed class InstantiationPlan
{
    public InstantiationPlan(ModuleDefinition definition)
    {
        ExportsByName = definition.Exports.ToDictionary(e => e.Name, StringComparer.Ordinal);

        // Only functions that can be named at run time need an object: imports (called through their Func),
        // exports, element items, ref.func targets (which validation limits to those) and the start function.
        Referenceable = new bool[definition.FunctionCount];
        Array.Fill(Referenceable, true, 0, definition.ImportedFunctionCount);
        foreach (var export in definition.Exports)
            if (export.Kind == ExternKind.Function) Referenceable[export.Index] = true;
        foreach (var init in definition.GlobalInitializers) MarkReferences(init);
        foreach (var segment in definition.Elements)
            foreach (var item in segment.Items) MarkReferences(item);
        if (definition.StartFunction is { } start) Referenceable[start] = true;

        ElementFunctionIndices = definition.Elements.Select(FunctionIndices).ToArray();
        MemoryImage = MemoryImage.TryBuild(definition);
        DataSegmentsAfterImage = definition.Data.Select(d => d.Mode == SegmentMode.Active ? ReadOnlyMemory<byte>.Empty : d.Bytes).ToArray();
    }

    /// <summary>The active data segments applied in advance, when that cannot trap; null otherwise.</summary>
    public MemoryImage? MemoryImage { get; }

    /// <summary>The data segments as instantiation leaves them (active ones dropped); shared until an instance drops one.</summary>
    public ReadOnlyMemory<byte>[] DataSegmentsAfterImage { get; }

    public Dictionary<string, Export> ExportsByName { get; }
    public bool[] Referenceable { get; }

    /// <summary>Per element segment, its items as function indices (-1 for null), or null when an item needs evaluating.</summary>
    public int[]?[] ElementFunctionIndices { get; }

    private void MarkReferences(ConstExpr expr)
    {
        foreach (var instruction in expr.Instructions)
            if (instruction.Opcode == Opcodes.RefFunc) Referenceable[(int)instruction.Immediate] = true;
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
