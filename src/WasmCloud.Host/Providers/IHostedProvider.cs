using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Providers;

/// <summary>
/// A capability provider this host runs. The host tells it, whenever they change, every link it is the
/// source of, each with its named source and target config resolved.
/// </summary>
internal interface IHostedProvider : IAsyncDisposable
{
    string Id { get; }
    string ImageRef { get; }
    string? Name { get; }
    Dictionary<string, string> Annotations { get; }

    Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel);

    /// <summary>Whatever the provider serves before it counts as started (its wRPC exports).</summary>
    Task StartAsync(CancellationToken cancel) => Task.CompletedTask;

    /// <summary>How the provider is, as it answers the host's health checks.</summary>
    HealthCheckResponse Health();

    ProviderDescription Describe() => new() { Id = Id, ImageRef = ImageRef, Name = Name, Annotations = Annotations, Revision = 0 };
}

/// <summary>A link with the values of its named config merged (later names win).</summary>
internal sealed record ResolvedLink(Link Link, IReadOnlyDictionary<string, string> SourceConfig, IReadOnlyDictionary<string, string> TargetConfig);
