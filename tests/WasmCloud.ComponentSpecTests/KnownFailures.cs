namespace WasmCloud.ComponentSpecTests;

/// <summary>
/// The commands docs/component-spec-known-failures.txt allows to fail, each with its reason: lines
/// <c>FILE.wast:N reason</c>, N being the command's index in the converted script (as the runner's FAIL lines
/// print it); '#' starts a comment line. Any other failure makes the runner exit non-zero.
/// </summary>
internal sealed class KnownFailures(IReadOnlySet<string> locations)
{
    public static KnownFailures Load(string path) => new(!File.Exists(path)
        ? new HashSet<string>()
        : File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2)[0])
            .ToHashSet(StringComparer.Ordinal));

    public static string Location(string file, int index) => $"{file}:{index}";

    public bool Contains(string file, int index) => locations.Contains(Location(file, index));

    /// <summary>Listed commands of the files that ran which did not fail: the list should drop them.</summary>
    public IEnumerable<string> Stale(IEnumerable<(string File, List<CommandResult> Results)> reports) =>
        reports.SelectMany(r => r.Results.Where(c => c.Outcome != Outcome.Failed).Select(c => Location(r.File, c.Index))).Where(locations.Contains);
}
