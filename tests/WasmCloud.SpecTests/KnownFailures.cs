namespace WasmCloud.SpecTests;

/// <summary>
/// Spec commands documented as failing for a reason outside the engine's control. Each line of the file
/// is <c>FILE.wast:LINE reason</c>; '#' starts a comment.
/// </summary>
internal sealed class KnownFailures
{
    private readonly HashSet<(string File, int Line)> _entries;

    private KnownFailures(HashSet<(string, int)> entries) => _entries = entries;

    public static KnownFailures Load(string path)
    {
        var entries = new HashSet<(string, int)>();
        if (File.Exists(path))
        {
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw.Split('#')[0].Trim();
                if (line.Length == 0) continue;
                var location = line.Split(' ')[0];
                var colon = location.LastIndexOf(':');
                entries.Add((location[..colon], int.Parse(location[(colon + 1)..])));
            }
        }
        return new KnownFailures(entries);
    }

    public bool Contains(string file, int line) => _entries.Contains((file, line));
}
