using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Scaling;

/// <summary>Keeps one link in the lattice as the manifest defines it (interfaces and config included), and removes it on cleanup.</summary>
internal sealed class LinkScaler(string app, Link link) : Scaler(
    AppIds.ScalerId(new[] { LinkKind, app, link.Name, link.SourceId, link.Target, link.WitNamespace, link.WitPackage }
        .Concat(link.Interfaces).Concat(link.SourceConfig).Concat(link.TargetConfig)),
    LinkKind, $"{link.SourceId} -({link.WitNamespace}:{link.WitPackage})-> {link.Target}")
{
    public string App { get; } = app;
    public override IEnumerable<string> RequiredConfig => link.SourceConfig.Concat(link.TargetConfig);

    public override (List<WadmCommand> Commands, StatusInfo Status) Reconcile(LatticeSnapshot lattice)
    {
        var existing = lattice.Links.FirstOrDefault(l => l.SameKey(link));
        if (existing is not null && existing.Target == link.Target && existing.Interfaces.SequenceEqual(link.Interfaces)
            && existing.SourceConfig.SequenceEqual(link.SourceConfig) && existing.TargetConfig.SequenceEqual(link.TargetConfig))
            return ([], StatusInfo.Of(StatusType.Deployed));
        return ([new PutLink(Id, link)], StatusInfo.Of(StatusType.Reconciling, $"Putting link definition between {link.SourceId} and {link.Target}"));
    }

    public override List<WadmCommand> Cleanup(LatticeSnapshot lattice) =>
        lattice.Links.Any(l => l.SameKey(link) && l.Target == link.Target)
            ? [new DeleteLink(Id, new DeleteLinkRequest { SourceId = link.SourceId, Name = link.Name, WitNamespace = link.WitNamespace, WitPackage = link.WitPackage })]
            : [];
}
