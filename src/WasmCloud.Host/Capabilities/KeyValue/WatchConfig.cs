namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>
/// Which changes a watcher link asks for, as upstream's keyvalue-redis reads them: <c>watch</c> is a comma-separated
/// list of <c>SET@key</c> and <c>DEL@key</c> (the key may be <c>*</c>, any key: our addition). A bad entry is a
/// <see cref="FormatException"/> naming it.
/// </summary>
internal sealed record WatchConfig(IReadOnlyList<(bool OnDelete, string Key)> Entries)
{
    public static WatchConfig Parse(IReadOnlyDictionary<string, string> config)
    {
        var entries = new List<(bool, string)>();
        foreach (var entry in (LinkConfig.Get(config, "watch") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = entry.IndexOf('@');
            var operation = at < 0 ? "" : entry[..at].Trim().ToUpperInvariant();
            var key = at < 0 ? "" : entry[(at + 1)..].Trim();
            if (operation is not ("SET" or "DEL") || key.Length == 0)
                throw new FormatException($"`watch` entry `{entry}` is not SET@key or DEL@key");
            entries.Add((operation == "DEL", key));
        }
        if (entries.Count == 0) throw new FormatException("a watcher link needs `watch` in its config: SET@key and DEL@key entries, comma-separated");
        return new WatchConfig(entries);
    }

    public bool Wants(string key, bool deleted) => Entries.Any(e => e.OnDelete == deleted && (e.Key == "*" || e.Key == key));

    public string Key => string.Join(',', Entries.Select(e => $"{(e.OnDelete ? "DEL" : "SET")}@{e.Key}"));
}
