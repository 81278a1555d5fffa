using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Scaling;

/// <summary>Keeps a named config that the manifest defines inline at its values, and deletes it on cleanup.</summary>
internal sealed class ConfigScaler(string name, Dictionary<string, string> values) : Scaler(
    AppIds.ScalerId(new[] { ConfigKind, name }.Concat(values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"))), ConfigKind, name)
{
    public override (List<WadmCommand> Commands, StatusInfo Status) Reconcile(LatticeSnapshot lattice)
    {
        if (lattice.Config is null) return ([], StatusInfo.Of(StatusType.Waiting, $"Waiting to read config {Name}"));
        if (lattice.Config.TryGetValue(Name, out var stored) && stored.Count == values.Count && values.All(v => stored.TryGetValue(v.Key, out var s) && s == v.Value))
            return ([], StatusInfo.Of(StatusType.Deployed));
        return ([new PutConfig(Id, Name, values)], StatusInfo.Of(StatusType.Reconciling, $"Putting config {Name}"));
    }

    public override List<WadmCommand> Cleanup(LatticeSnapshot lattice) =>
        lattice.Config is { } config && config.ContainsKey(Name) ? [new DeleteConfig(Id, Name)] : [];
}
