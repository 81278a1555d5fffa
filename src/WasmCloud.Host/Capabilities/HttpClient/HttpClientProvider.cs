using WasmCloud.Host.Providers;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Capabilities.HttpClient;

/// <summary>
/// The builtin <c>http-client</c> provider (also standing in for upstream's image): the target a component links
/// <c>wasi:http/outgoing-handler</c> to. While such a link exists the component's outgoing requests are allowed, to
/// any authority, and made by the host's own HTTP client in the component's process, with no hop to the provider.
/// </summary>
internal sealed class HttpClientProvider(string id, string imageRef, Dictionary<string, string> annotations) : IHostedProvider
{
    public const string BuiltinName = "http-client";

    public string Id { get; } = id;
    public string ImageRef { get; } = imageRef;
    public string? Name => "HTTP Client (builtin)";
    public Dictionary<string, string> Annotations { get; } = annotations;

    /// <summary>Links come from components to this provider; it is the source of none.</summary>
    public Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel) => Task.CompletedTask;

    public HealthCheckResponse Health() => new() { Healthy = true, Message = "" };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
