using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Providers;

/// <summary>
/// Who a wRPC call to a provider comes from, and the link it comes by: the <c>source-id</c> and <c>link-name</c>
/// headers name the link (from that component to this provider, for this WIT package), whose target config is the
/// provider's config for the call — as a link configures an upstream provider.
/// </summary>
internal static class CallerLink
{
    public static (string SourceId, IReadOnlyDictionary<string, string> Config) Of(LatticeHost host, WrpcInvocation call, string providerId, string witNamespace, string witPackage)
    {
        var source = call.Headers?.TryGetValue("source-id", out var from) == true ? from.ToString() : "";
        var linkName = call.Headers?.TryGetValue("link-name", out var name) == true ? name.ToString() : "default";
        var link = host.State.LinksFrom(source).FirstOrDefault(l => l.Target == providerId && l.Name == linkName && l.WitNamespace == witNamespace && l.WitPackage == witPackage);
        return (source, link is null ? new Dictionary<string, string>() : host.State.MergedConfig(link.TargetConfig));
    }
}
