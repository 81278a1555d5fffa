using WasmCloud.Components.Format;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Translation;

/// <summary>The import or export names of one scope: each valid, and strongly unique (case-insensitively).</summary>
internal sealed class NameSet(string what)
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string name, int offset)
    {
        if (ExternNames.Check(name) is { } error) throw new InvalidModuleException($"{what} name `{name}` is not a valid extern name: {error}", offset);
        if (!_names.Add(name)) throw new InvalidModuleException($"{what} name `{name}` conflicts with previous name", offset);
    }
}
