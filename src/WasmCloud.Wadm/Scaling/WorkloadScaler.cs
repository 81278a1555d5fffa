using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Scaling;

/// <summary>
/// What a component scaler and a provider scaler share: the thing they run (its ID and image), how many and where
/// (the scaler trait's properties, spread or daemon), the config it is given, and the ID all of that hashes to.
/// </summary>
internal abstract class WorkloadScaler(string app, ManifestComponent component, string id, ScalerProperties properties, bool daemon, List<string> config)
    : Scaler(AppIds.ScalerId(new[] { daemon ? DaemonKind : SpreadKind, app, component.Name, id, component.Image ?? "" }.Concat(config)),
        daemon ? DaemonKind : SpreadKind, id)
{
    protected string App { get; } = app;
    protected string Reference { get; } = component.Image ?? "";
    protected ScalerProperties Properties { get; } = properties;
    protected bool Daemon { get; } = daemon;
    protected List<string> Config { get; } = config;

    public override string Runs => Name;
    public override IEnumerable<string> RequiredConfig => Config;

    public override (List<WadmCommand> Commands, StatusInfo Status) Reconcile(LatticeSnapshot lattice) => Plan(lattice, Properties);

    public override List<WadmCommand> Cleanup(LatticeSnapshot lattice) => Plan(lattice, Properties with { Instances = 0 }).Commands;

    /// <summary>The commands and status that take the lattice to <paramref name="properties"/>' counts.</summary>
    protected abstract (List<WadmCommand> Commands, StatusInfo Status) Plan(LatticeSnapshot lattice, ScalerProperties properties);
}
