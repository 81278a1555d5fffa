using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Scaling;

/// <summary>How a scaler's instances divide among its spreads, as upstream's <c>compute_spread</c> divides them.</summary>
internal static class SpreadMath
{
    public static readonly Spread Default = new("default", new SortedDictionary<string, string>(StringComparer.Ordinal), null);

    /// <summary>
    /// Each spread gets <c>instances × weight / total</c> (integer division); the remainder goes one at a time to
    /// the spreads in order of weight, heaviest first, manifest order breaking ties. No spreads is one default spread.
    /// </summary>
    public static List<(Spread Spread, uint Count)> Compute(ScalerProperties scaler)
    {
        var spreads = scaler.Spread.Count == 0 ? [Default] : scaler.Spread;
        var ordered = spreads.Select((s, i) => (Spread: s, Index: i)).OrderByDescending(s => s.Spread.EffectiveWeight).ThenBy(s => s.Index).Select(s => s.Spread).ToList();
        var total = (ulong)ordered.Sum(s => (long)s.EffectiveWeight);
        var counts = ordered.Select(s => total == 0 ? 0u : (uint)(scaler.Instances * (ulong)s.EffectiveWeight / total)).ToArray();
        var remainder = total == 0 ? 0 : scaler.Instances - counts.Aggregate(0u, (a, b) => a + b);
        for (int i = 0; remainder > 0; i = (i + 1) % counts.Length, remainder--) counts[i]++;
        return ordered.Select((s, i) => (s, counts[i])).ToList();
    }

    /// <summary>
    /// Divides <paramref name="count"/> among <paramref name="hosts"/> as evenly as it goes; hosts already running
    /// more get the extra ones first, so a reconcile moves as little as it can.
    /// </summary>
    public static Dictionary<string, uint> Divide(uint count, IEnumerable<(string Host, uint Running)> hosts)
    {
        var ordered = hosts.OrderByDescending(h => h.Running).ThenBy(h => h.Host, StringComparer.Ordinal).ToList();
        var shares = new Dictionary<string, uint>(StringComparer.Ordinal);
        if (ordered.Count == 0) return shares;
        var each = count / (uint)ordered.Count;
        var extra = count % (uint)ordered.Count;
        for (int i = 0; i < ordered.Count; i++) shares[ordered[i].Host] = each + (i < extra ? 1u : 0u);
        return shares;
    }
}
