using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Wash;

/// <summary>
/// Finds the host a command names: a full host ID is taken as it is; otherwise the hosts are asked and the
/// one whose ID starts with it, or whose friendly name contains it, is the one (as upstream wash matches).
/// </summary>
internal static class HostLookup
{
    public static async Task<string> FindAsync(CtlClient ctl, string idOrName, CancellationToken cancel)
    {
        if (idOrName.Length == 56 && idOrName[0] == 'N' && idOrName.All(char.IsAsciiLetterOrDigit)) return idOrName;
        var hosts = await ctl.PingHostsAsync(cancel);
        var matches = hosts.Where(h => h.Id.StartsWith(idOrName, StringComparison.OrdinalIgnoreCase)
            || h.FriendlyName.Contains(idOrName, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0].Id,
            0 => throw new WashException($"no host in lattice {ctl.Subjects.Lattice} matches `{idOrName}` (by ID prefix or friendly name)"),
            _ => throw new WashException($"`{idOrName}` matches {matches.Count} hosts ({string.Join(", ", matches.Select(h => h.FriendlyName))}); give more of the ID"),
        };
    }

    /// <summary>The one host that runs a component or provider, found by asking every host for its inventory.</summary>
    public static async Task<(string HostId, HostInventory Inventory)> RunningAsync(CtlClient ctl, Func<HostInventory, bool> runs, string what, CancellationToken cancel)
    {
        var found = new List<(string, HostInventory)>();
        foreach (var host in await ctl.PingHostsAsync(cancel))
        {
            var inventory = await ctl.GetHostInventoryAsync(host.Id, cancel);
            if (inventory.Response is { } value && runs(value)) found.Add((host.Id, value));
        }
        return found.Count switch
        {
            1 => found[0],
            0 => throw new WashException($"No host found running {what}"),
            _ => throw new WashException($"{what} runs on {found.Count} hosts; pick one with --host-id"),
        };
    }
}
