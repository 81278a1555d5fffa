using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Scaling;

/// <summary>
/// One piece of an application's desired state (a component's spread, a provider's, a link, a config), as a small
/// state machine: given the lattice, the commands that move it closer and the status that says how close it is.
/// </summary>
internal abstract class Scaler(string id, string kind, string name)
{
    public const string SpreadKind = "SpreadScaler";
    public const string DaemonKind = "DaemonScaler";
    public const string LinkKind = "LinkScaler";
    public const string ConfigKind = "ConfigScaler";

    public string Id { get; } = id;
    public string Kind { get; } = kind;
    public string Name { get; } = name;

    /// <summary>The component or provider ID this scaler runs, if it runs one.</summary>
    public virtual string? Runs => null;

    /// <summary>Config that must exist before this scaler may act.</summary>
    public virtual IEnumerable<string> RequiredConfig => [];

    public abstract (List<WadmCommand> Commands, StatusInfo Status) Reconcile(LatticeSnapshot lattice);

    /// <summary>The commands that undo this scaler's work (for an undeployed application or a dropped piece of one).</summary>
    public abstract List<WadmCommand> Cleanup(LatticeSnapshot lattice);

    public ScalerStatus Report(StatusInfo status) => new() { Id = Id, Kind = Kind, Name = Name, Status = status };
}
