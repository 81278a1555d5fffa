using WasmCloud.Lattice.Control;

namespace WasmCloud.Wadm.Scaling;

/// <summary>
/// One change a scaler asks of the lattice. <see cref="Key"/> names the thing it changes, so a second command
/// for the same thing waits while the first one's event is outstanding.
/// </summary>
internal abstract record WadmCommand(string ScalerId)
{
    public abstract string Key { get; }
}

internal sealed record ScaleComponent(string ScalerId, string HostId, string ComponentId, string Reference, uint Count,
    Dictionary<string, string> Annotations, List<string> Config) : WadmCommand(ScalerId)
{
    public override string Key => ComponentKey(HostId, ComponentId);
    public static string ComponentKey(string host, string id) => $"component/{host}/{id}";
}

internal sealed record StartProvider(string ScalerId, string HostId, string ProviderId, string Reference, Dictionary<string, string> Annotations, List<string> Config)
    : WadmCommand(ScalerId)
{
    public override string Key => ProviderKey(HostId, ProviderId);
    public static string ProviderKey(string host, string id) => $"provider/{host}/{id}";
}

internal sealed record StopProvider(string ScalerId, string HostId, string ProviderId) : WadmCommand(ScalerId)
{
    public override string Key => StartProvider.ProviderKey(HostId, ProviderId);
}

internal sealed record PutLink(string ScalerId, Link Link) : WadmCommand(ScalerId)
{
    public override string Key => LinkKey(Link.SourceId, Link.WitNamespace, Link.WitPackage, Link.Name);
    public static string LinkKey(string source, string ns, string package, string name) => $"link/{source}/{ns}:{package}/{name}";
}

internal sealed record DeleteLink(string ScalerId, DeleteLinkRequest Request) : WadmCommand(ScalerId)
{
    public override string Key => PutLink.LinkKey(Request.SourceId, Request.WitNamespace, Request.WitPackage, Request.LinkName);
}

internal sealed record PutConfig(string ScalerId, string Name, Dictionary<string, string> Values) : WadmCommand(ScalerId)
{
    public override string Key => ConfigKey(Name);
    public static string ConfigKey(string name) => $"config/{name}";
}

internal sealed record DeleteConfig(string ScalerId, string Name) : WadmCommand(ScalerId)
{
    public override string Key => PutConfig.ConfigKey(Name);
}
