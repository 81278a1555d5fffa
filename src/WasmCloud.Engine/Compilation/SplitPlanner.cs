using WasmCloud.Wasm.Validation;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Chooses which code ranges of a very large function become methods of their own ("chunks"), so that no
/// method exceeds what RyuJIT optimises (beyond about 60,000 IL bytes it falls back to MinOpts). A chunk runs
/// from one statement boundary to a later one of the same frame; frames are visited outermost first, and a
/// range too large to move in one piece is left for the chunks of the frames nested inside it.
/// </summary>
internal static class SplitPlanner
{
    /// <summary>Chunk start offset → chunk end offset (absolute byte offsets in the module).</summary>
    public static Dictionary<int, int> Plan(List<StatementBoundary> boundaries, int minimumChunk, int maximumChunk)
    {
        var chunks = new Dictionary<int, int>();
        var covered = new List<(int Start, int End)>();
        bool Covered(int offset) => covered.Any(range => offset >= range.Start && offset < range.End);

        foreach (var frame in boundaries.GroupBy(b => (b.Depth, b.FrameStart)).OrderBy(g => g.Key.Depth))
        {
            var offsets = frame.Select(b => b.Offset).Where(o => !Covered(o)).ToList();
            var i = 0;
            while (i < offsets.Count - 1)
            {
                var j = i + 1;
                while (j + 1 < offsets.Count && offsets[j + 1] - offsets[i] <= maximumChunk && !SpansCovered(covered, offsets[i], offsets[j + 1])) j++;
                var size = offsets[j] - offsets[i];
                if (size >= minimumChunk && size <= maximumChunk && !SpansCovered(covered, offsets[i], offsets[j]))
                {
                    chunks[offsets[i]] = offsets[j];
                    covered.Add((offsets[i], offsets[j]));
                }
                i = j;
            }
        }
        return chunks;
    }

    private static bool SpansCovered(List<(int Start, int End)> covered, int start, int end) =>
        covered.Any(range => range.Start < end && start < range.End);
}
