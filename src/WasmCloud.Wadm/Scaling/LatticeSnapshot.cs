using WasmCloud.Lattice.Control;
using WasmCloud.Wadm.Observe;

namespace WasmCloud.Wadm.Scaling;

/// <summary>
/// The lattice a scaler reconciles against: what was observed, with the commands still waiting for their events
/// counted as done (so a scaler never asks twice for the same change).
/// </summary>
internal sealed class LatticeSnapshot
{
    public required IReadOnlyDictionary<string, ObservedHost> Hosts { get; init; }
    public required IReadOnlyList<Link> Links { get; init; }

    /// <summary>Named config by name; null when the config could not be read (no host answered).</summary>
    public required IReadOnlyDictionary<string, Dictionary<string, string>>? Config { get; init; }

    /// <summary>Why a scaler's last command failed, while it waits to try again.</summary>
    public required IReadOnlyDictionary<string, string> Failures { get; init; }

    /// <summary>Scalers whose commands wait for a back-off to end.</summary>
    public required IReadOnlySet<string> BackingOff { get; init; }

    /// <summary>Scalers with commands whose events have not come yet.</summary>
    public required IReadOnlySet<string> Pending { get; init; }

    public bool NoHosts => Hosts.Count == 0;
}
