namespace WasmCloud.Lattice;

/// <summary>
/// The control interface's subjects for one lattice: <c>{prefix}.v1.{lattice}.…</c> (prefix <c>wasmbus.ctl</c>
/// unless <c>--ctl-topic-prefix</c> says otherwise), and the events' <c>wasmbus.evt.{lattice}.{name}</c>, whose
/// prefix is fixed.
/// </summary>
public sealed class Subjects(string lattice, string topicPrefix = Subjects.DefaultTopicPrefix)
{
    public const string DefaultTopicPrefix = "wasmbus.ctl";

    public string Lattice { get; } = lattice;

    /// <summary><c>{prefix}.v1.{lattice}</c>: what every ctl subject of this lattice starts with.</summary>
    public string Root { get; } = $"{topicPrefix}.v1.{lattice}";

    public string HostPing => $"{Root}.host.ping";
    public string HostGet(string hostId) => $"{Root}.host.get.{hostId}";
    public string HostStop(string hostId) => $"{Root}.host.stop.{hostId}";
    public string ComponentAuction => $"{Root}.component.auction";
    public string ComponentScale(string hostId) => $"{Root}.component.scale.{hostId}";
    public string ComponentUpdate(string hostId) => $"{Root}.component.update.{hostId}";
    public string ProviderAuction => $"{Root}.provider.auction";
    public string ProviderStart(string hostId) => $"{Root}.provider.start.{hostId}";
    public string ProviderStop(string hostId) => $"{Root}.provider.stop.{hostId}";
    public string LinkPut => $"{Root}.link.put";
    public string LinkDel => $"{Root}.link.del";
    public string LinkGet => $"{Root}.link.get";
    public string ClaimsGet => $"{Root}.claims.get";
    public string ConfigPut(string name) => $"{Root}.config.put.{name}";
    public string ConfigGet(string name) => $"{Root}.config.get.{name}";
    public string ConfigDel(string name) => $"{Root}.config.del.{name}";
    public string LabelPut(string hostId) => $"{Root}.label.put.{hostId}";
    public string LabelDel(string hostId) => $"{Root}.label.del.{hostId}";
    public string RegistryPut => $"{Root}.registry.put";

    /// <summary>The subject an event of this name is published on.</summary>
    public string Event(string name) => $"wasmbus.evt.{Lattice}.{name}";

    /// <summary>Every event of the lattice.</summary>
    public string AllEvents => $"wasmbus.evt.{Lattice}.>";
}
