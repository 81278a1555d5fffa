using System.Collections.Concurrent;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Components;

/// <summary>
/// Turns a component reference into its bytes: <c>file://PATH</c> when the host allows file loads, otherwise an
/// OCI reference pulled from its registry. The host's rules apply before anything is fetched: no <c>latest</c>
/// without <c>--allow-latest</c>, nothing larger than <c>--max-component-size-bytes</c>.
/// </summary>
internal sealed class ArtifactFetcher
{
    private readonly HostOptions _options;
    private readonly OciClient _oci;

    public ArtifactFetcher(HostOptions options, HttpClient http)
    {
        _options = options;
        if (options.OciRegistry is { Length: > 0 } registry && options.OciUser is { Length: > 0 })
            Credentials[registry] = new RegistryCredential { Username = options.OciUser, Password = options.OciPassword };
        _oci = new OciClient(http, registry => Credentials.GetValueOrDefault(registry), options.AllowedInsecure);
    }

    /// <summary>Registry credentials by registry host, from the flags and from <c>registry.put</c>.</summary>
    public ConcurrentDictionary<string, RegistryCredential> Credentials { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Checks a reference against the host's rules without fetching it; the message says what is wrong, or is null.
    /// Used to refuse a ctl request at once rather than fail later.
    /// </summary>
    public string? Refusal(string reference)
    {
        if (reference.Length == 0) return "no image reference was given";
        if (reference.StartsWith("file://", StringComparison.Ordinal))
            return _options.AllowFileLoad ? null : $"unable to start component from file, file loading is disabled ({reference}; start the host with --allow-file-load)";
        ImageReference image;
        try
        {
            image = ImageReference.Parse(reference);
        }
        catch (FormatException e)
        {
            return e.Message;
        }
        if (image.IsLatest && !_options.AllowLatest)
            return $"fetching images tagged 'latest' is currently prohibited in this host. This option can be overridden with WASMCLOUD_OCI_ALLOW_LATEST ({reference}: pin a version, or start the host with --allow-latest)";
        return null;
    }

    public async Task<byte[]> FetchAsync(string reference, CancellationToken cancel)
    {
        if (Refusal(reference) is { } refusal) throw new ComponentFetchException(refusal);
        if (reference.StartsWith("file://", StringComparison.Ordinal))
        {
            var path = Uri.UnescapeDataString(reference["file://".Length..]);
            var file = new FileInfo(path);
            if (!file.Exists) throw new ComponentFetchException($"unable to load {reference}: no such file");
            if (file.Length > _options.MaxComponentSizeBytes)
                throw new ComponentFetchException($"{reference} is {file.Length} bytes, more than the host's --max-component-size-bytes ({_options.MaxComponentSizeBytes})");
            return await File.ReadAllBytesAsync(file.FullName, cancel);
        }
        return await _oci.PullAsync(ImageReference.Parse(reference), _options.MaxComponentSizeBytes, cancel);
    }
}
