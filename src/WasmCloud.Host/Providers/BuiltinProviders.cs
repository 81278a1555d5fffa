using WasmCloud.Host.Capabilities.Blobstore;
using WasmCloud.Host.Capabilities.KeyValue;
using WasmCloud.Host.Providers.HttpServer;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Providers;

/// <summary>
/// The providers built into the host, started by <c>wasmcloud+builtin://NAME</c> or (unless turned off) by the image
/// of upstream's provider of the same name (<c>ghcr.io/wasmcloud/NAME:TAG</c>), so upstream manifests run unchanged.
/// </summary>
internal static class BuiltinProviders
{
    public const string Scheme = "wasmcloud+builtin://";
    private const string UpstreamRepository = "ghcr.io/wasmcloud/";

    /// <summary>Every builtin, and whether upstream publishes an image of that name.</summary>
    private static readonly (string Name, bool Upstream)[] All =
    [
        ("http-server", true),
        (KeyValueProvider.NatsName, true),
        (KeyValueProvider.RedisName, true),
        (KeyValueProvider.InMemoryName, false),
        (Capabilities.Messaging.MessagingProvider.NatsName, true),
        (Capabilities.HttpClient.HttpClientProvider.BuiltinName, true),
        (BlobstoreProvider.FilesystemName, true),
        (BlobstoreProvider.S3Name, true),
        (BlobstoreProvider.NatsName, true),
        (Capabilities.Sql.PostgresProvider.BuiltinName, true),
    ];

    public static string Names => string.Join(", ", All.Select(b => b.Name));

    /// <summary>The builtin a reference names, or null when it names none.</summary>
    public static string? NameOf(string reference, bool upstreamImages)
    {
        if (reference.StartsWith(Scheme, StringComparison.Ordinal))
            return All.FirstOrDefault(b => b.Name == reference[Scheme.Length..]).Name;
        if (!upstreamImages || !reference.StartsWith(UpstreamRepository, StringComparison.Ordinal)) return null;
        var repository = reference[UpstreamRepository.Length..];
        var colon = repository.IndexOf(':');
        var name = colon < 0 ? repository : repository[..colon];
        return All.FirstOrDefault(b => b.Upstream && b.Name == name).Name;
    }

    public static IHostedProvider Create(string name, StartProviderCommand command, Dictionary<string, string> annotations, LatticeHost host) => name switch
    {
        "http-server" => new HttpServerProvider(command.ProviderId, command.ProviderRef, annotations, host.State.MergedConfig(command.Config), host.InvokeHttpAsync, host.Log),
        KeyValueProvider.NatsName => new KeyValueProvider(command.ProviderId, command.ProviderRef, KeyValueBackendKind.Nats, annotations, host),
        KeyValueProvider.RedisName => new KeyValueProvider(command.ProviderId, command.ProviderRef, KeyValueBackendKind.Redis, annotations, host),
        KeyValueProvider.InMemoryName => new KeyValueProvider(command.ProviderId, command.ProviderRef, KeyValueBackendKind.InMemory, annotations, host),
        Capabilities.Messaging.MessagingProvider.NatsName => new Capabilities.Messaging.MessagingProvider(command.ProviderId, command.ProviderRef, annotations,
            host.State.MergedConfig(command.Config), host),
        Capabilities.HttpClient.HttpClientProvider.BuiltinName => new Capabilities.HttpClient.HttpClientProvider(command.ProviderId, command.ProviderRef, annotations,
            host.State.MergedConfig(command.Config), host),
        BlobstoreProvider.FilesystemName => new BlobstoreProvider(command.ProviderId, command.ProviderRef, BlobBackendKind.Filesystem, annotations, host),
        BlobstoreProvider.S3Name => new BlobstoreProvider(command.ProviderId, command.ProviderRef, BlobBackendKind.S3, annotations, host),
        BlobstoreProvider.NatsName => new BlobstoreProvider(command.ProviderId, command.ProviderRef, BlobBackendKind.Nats, annotations, host),
        Capabilities.Sql.PostgresProvider.BuiltinName => new Capabilities.Sql.PostgresProvider(command.ProviderId, command.ProviderRef, annotations, host),
        _ => throw new InvalidOperationException($"no builtin provider {name}"),
    };
}
