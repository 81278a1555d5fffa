namespace WasmCloud.Wasm.Text;

/// <summary>
/// The <c>name</c> custom section built from the text's identifiers, as the <c>wat</c> crate and
/// <c>wat2wasm --debug-names</c> emit it: module, function and local names, and the extended-name
/// subsections for types, tables, memories, globals and segments. Backtraces show the function names.
/// </summary>
internal static class NameSectionWriter
{
    private const byte CustomSectionId = 0;
    private const byte ModuleSubsection = 0, FunctionSubsection = 1, LocalSubsection = 2;

    /// <summary>Appends the section when anything in the module is named.</summary>
    public static void WriteIfNamed(WasmBinaryWriter binary, ModuleContext module)
    {
        var payload = new WasmBinaryWriter();
        payload.Name("name");
        var start = payload.Length;
        if (module.ModuleId is { } id)
        {
            var name = new WasmBinaryWriter();
            name.Name(id.Text[1..]);
            WriteSubsection(payload, ModuleSubsection, name);
        }
        WriteNameMap(payload, FunctionSubsection, [.. module.Functions.Names]);
        if (module.LocalNames.Count > 0)
        {
            var locals = new WasmBinaryWriter();
            locals.U32((uint)module.LocalNames.Count);
            foreach (var (function, names) in module.LocalNames)
            {
                locals.U32(function);
                WriteEntries(locals, names);
            }
            WriteSubsection(payload, LocalSubsection, locals);
        }
        byte subsection = 4;
        foreach (var space in new[] { module.Types, module.Tables, module.Memories, module.Globals, module.Elements, module.Data })
            WriteNameMap(payload, subsection++, [.. space.Names]);
        if (payload.Length == start) return;
        binary.Byte(CustomSectionId);
        binary.Sized(payload);
    }

    private static void WriteNameMap(WasmBinaryWriter payload, byte id, List<(uint Index, string Name)> names)
    {
        if (names.Count == 0) return;
        var map = new WasmBinaryWriter();
        WriteEntries(map, names);
        WriteSubsection(payload, id, map);
    }

    private static void WriteEntries(WasmBinaryWriter output, List<(uint Index, string Name)> names)
    {
        output.U32((uint)names.Count);
        foreach (var (index, name) in names)
        {
            output.U32(index);
            output.Name(name);
        }
    }

    private static void WriteSubsection(WasmBinaryWriter payload, byte id, WasmBinaryWriter content)
    {
        payload.Byte(id);
        payload.Sized(content);
    }
}
