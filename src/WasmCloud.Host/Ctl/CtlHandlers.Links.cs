using System.Text;
using NATS.Client.KeyValueStore;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Lattice.Events;
using WasmCloud.Lattice.State;

namespace WasmCloud.Host.Ctl;

internal sealed partial class CtlHandlers
{
    private async Task<CtlResponse<object>> LinkPutAsync(byte[] body)
    {
        if (!TryRead<Link>(body, "link definition", out var link, out var refusal)) return refusal;
        if (LinkProblem(link) is { } problem) return await LinkFailedAsync(link, problem);
        var spec = await ReadSpecAsync(link.SourceId);
        var conflict = spec.Links.FirstOrDefault(existing => existing.SameKey(link) && existing.Target != link.Target && existing.Interfaces.Intersect(link.Interfaces).Any());
        if (conflict is not null)
            return await LinkFailedAsync(link, "link already exists with different target, consider deleting the existing link or using a different link name");
        var links = spec.Links.Where(existing => !(existing.SameKey(link) && existing.Target == link.Target)).Append(link).ToList();
        await WriteSpecAsync(link.SourceId, spec with { Links = links });
        await host.Events.PublishAsync(EventNames.LinkdefSet, link);
        await host.Providers.RefreshLinksAsync(link.SourceId);
        return CtlResponse.Ok("successfully set link");
    }

    private async Task<CtlResponse<List<Link>>> LinkGetAsync()
    {
        // Any host of the queue group answers: it first takes in what other hosts wrote.
        await host.State.CatchUpAsync();
        return CtlResponse<List<Link>>.Ok(host.State.AllLinks());
    }

    /// <summary>What makes a link unusable: an empty required field, or config it names that does not exist.</summary>
    private string? LinkProblem(Link link)
    {
        foreach (var (field, value) in new[] { ("source_id", link.SourceId), ("target", link.Target), ("wit_namespace", link.WitNamespace), ("wit_package", link.WitPackage), ("name", link.Name) })
            if (value.Length == 0) return $"invalid link: {field} is empty";
        if (link.Interfaces.Count == 0 || link.Interfaces.Any(i => i.Length == 0)) return "invalid link: interfaces must name at least one interface";
        var missing = new StringBuilder();
        foreach (var name in link.SourceConfig.Concat(link.TargetConfig).Distinct())
            if (!host.State.ConfigExists(name))
                missing.Append(name.StartsWith("SECRET_", StringComparison.Ordinal)
                    ? $"Secret reference {name} not found in config store. "
                    : $"Configuration {name} not found in config store. ");
        return missing.Length > 0 ? $"Failed to validate configuration and secrets. {missing}" : null;
    }

    private async Task<CtlResponse<object>> LinkFailedAsync(Link link, string error)
    {
        await host.Events.PublishAsync(EventNames.LinkdefSetFailed, new LinkSetFailed
        {
            SourceId = link.SourceId, Target = link.Target, Name = link.Name, WitNamespace = link.WitNamespace, WitPackage = link.WitPackage,
            Interfaces = link.Interfaces, SourceConfig = link.SourceConfig, TargetConfig = link.TargetConfig, Error = error,
        });
        return CtlResponse.Fail(error);
    }

    private async Task<CtlResponse<object>> LinkDeleteAsync(byte[] body)
    {
        if (!TryRead<DeleteLinkRequest>(body, "link deletion request", out var key, out var refusal)) return refusal;
        if (await TryReadSpecAsync(key.SourceId) is not { } spec) return CtlResponse.Ok("successfully deleted link (spec doesn't exist)");
        var removed = spec.Links.FirstOrDefault(link => link.Matches(key));
        if (removed is not null)
        {
            await WriteSpecAsync(key.SourceId, spec with { Links = spec.Links.Where(link => !link.Matches(key)).ToList() });
            await host.Providers.RefreshLinksAsync(key.SourceId);
        }
        await host.Events.PublishAsync(EventNames.LinkdefDeleted, new LinkDeleted
        {
            SourceId = key.SourceId, Name = key.LinkName, WitNamespace = key.WitNamespace, WitPackage = key.WitPackage,
            Target = removed?.Target, Interfaces = removed?.Interfaces,
        });
        return CtlResponse.Ok("successfully deleted link");
    }

    private async Task<ComponentSpecification> ReadSpecAsync(string sourceId) => await TryReadSpecAsync(sourceId) ?? new ComponentSpecification();

    /// <summary>The source's specification as the bucket holds it now (not the local mirror: another host may have just written it).</summary>
    private async Task<ComponentSpecification?> TryReadSpecAsync(string sourceId)
    {
        var entry = await host.State.LatticeData.TryGetEntryAsync<byte[]>(Buckets.ComponentKey(sourceId));
        if (!entry.Success || entry.Value.Value is not { Length: > 0 } value) return null;
        return LatticeJson.Decode<ComponentSpecification>(value);
    }

    private async Task WriteSpecAsync(string sourceId, ComponentSpecification spec)
    {
        await host.State.LatticeData.PutAsync(Buckets.ComponentKey(sourceId), LatticeJson.Encode(spec));
        host.State.Remember(sourceId, spec);
    }
}
