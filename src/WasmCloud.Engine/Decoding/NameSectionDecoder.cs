using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm.Decoding;

/// <summary>
/// Reads the <c>name</c> custom section. Custom sections never make a module invalid, so a damaged name
/// section yields whatever names were read before the damage.
/// </summary>
internal static class NameSectionDecoder
{
    private const byte ModuleNameSubsection = 0;
    private const byte FunctionNamesSubsection = 1;

    public static NameSection TryDecode(ReadOnlyMemory<byte> content)
    {
        string? moduleName = null;
        var functionNames = new Dictionary<int, string>();
        try
        {
            var r = new WasmReader(content);
            while (!r.AtEnd)
            {
                var id = r.ReadByte();
                var size = r.ReadIndex();
                var sub = new WasmReader(r.ReadBytes(size));
                if (id == ModuleNameSubsection) moduleName = sub.ReadName();
                else if (id == FunctionNamesSubsection)
                {
                    for (int i = 0, n = sub.ReadCount(WasmLimits.MaxFunctions, "names"); i < n; i++)
                    {
                        var index = sub.ReadIndex();
                        functionNames[index] = sub.ReadName();
                    }
                }
            }
        }
        catch (MalformedModuleException)
        {
            // Keep what was read: names are debugging aids, not semantics.
        }
        var names = new NameSection { ModuleName = moduleName };
        foreach (var (index, name) in functionNames) names.FunctionNames[index] = name;
        return names;
    }
}
