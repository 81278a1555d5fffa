using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Components;

/// <summary>
/// Pulls a component from an OCI registry (distribution API v2): the manifest for the reference, then the layer of
/// media type <c>application/vnd.module.wasm.content.layer.v1+wasm</c> (or <c>application/wasm</c>), checked
/// against its digest. Registries that answer 401 get a bearer token from the realm they name, with basic
/// credentials when the host has some for that registry.
/// </summary>
internal sealed class OciClient(HttpClient http, Func<string, RegistryCredential?> credentials, IReadOnlyCollection<string> allowedInsecure)
{
    public const string WasmLayerMediaType = "application/vnd.module.wasm.content.layer.v1+wasm";
    private static readonly string[] LayerMediaTypes = [WasmLayerMediaType, "application/wasm"];
    private static readonly string[] ManifestMediaTypes =
    [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    public async Task<byte[]> PullAsync(ImageReference image, long maxBytes, CancellationToken cancel)
    {
        var scheme = allowedInsecure.Contains(image.Registry, StringComparer.OrdinalIgnoreCase) ? "http" : "https";
        var baseUri = new Uri($"{scheme}://{image.Registry}/v2/{image.Repository}/");
        string? token = null;
        using var manifestResponse = await SendAsync(new Uri(baseUri, $"manifests/{image.Reference}"), ManifestMediaTypes, image, t => token = t, () => token, cancel);
        var manifest = await manifestResponse.Content.ReadAsByteArrayAsync(cancel);
        var layer = FindLayer(manifest, image);
        if (layer.Size > maxBytes)
            throw new ComponentFetchException($"{image} is {layer.Size} bytes, more than the host's --max-component-size-bytes ({maxBytes})");
        using var blobResponse = await SendAsync(new Uri(baseUri, $"blobs/{layer.Digest}"), ["*/*"], image, t => token = t, () => token, cancel);
        var bytes = await blobResponse.Content.ReadAsByteArrayAsync(cancel);
        if (bytes.LongLength > maxBytes)
            throw new ComponentFetchException($"{image} is {bytes.LongLength} bytes, more than the host's --max-component-size-bytes ({maxBytes})");
        if (layer.Digest.StartsWith("sha256:", StringComparison.Ordinal) &&
            !string.Equals("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), layer.Digest, StringComparison.Ordinal))
            throw new ComponentFetchException($"{image}: the layer's content does not match its digest {layer.Digest}");
        return bytes;
    }

    private static (string Digest, long Size) FindLayer(byte[] manifest, ImageReference image)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            if (document.RootElement.TryGetProperty("layers", out var layers))
                foreach (var layer in layers.EnumerateArray())
                    if (layer.TryGetProperty("mediaType", out var type) && LayerMediaTypes.Contains(type.GetString()))
                        return (layer.GetProperty("digest").GetString() ?? "", layer.TryGetProperty("size", out var size) ? size.GetInt64() : 0);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ComponentFetchException($"{image}: the registry's manifest is malformed ({e.Message})");
        }
        throw new ComponentFetchException($"{image} holds no WebAssembly component layer ({WasmLayerMediaType}); is it a component image?");
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string[] accept, ImageReference image, Action<string> setToken, Func<string?> token, CancellationToken cancel)
    {
        var response = await SendOnceAsync(uri, accept, token(), image, cancel);
        if (response.StatusCode == HttpStatusCode.Unauthorized && response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme == "Bearer") is { } challenge)
        {
            response.Dispose();
            setToken(await TokenAsync(challenge, image, cancel));
            response = await SendOnceAsync(uri, accept, token(), image, cancel);
        }
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new ComponentFetchException(status switch
            {
                404 => $"{image} was not found in the registry {image.Registry}",
                401 or 403 => $"the registry {image.Registry} refused access to {image} (HTTP {status}); are credentials set (registry.put, --oci-user)?",
                _ => $"the registry {image.Registry} answered HTTP {status} for {image}",
            });
        }
        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Uri uri, string[] accept, string? token, ImageReference image, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var type in accept) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        else if (Basic(image.Registry) is { } basic) request.Headers.Authorization = basic;
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        }
        catch (HttpRequestException e)
        {
            throw new ComponentFetchException($"could not reach the registry {image.Registry} for {image}: {e.Message}");
        }
    }

    private AuthenticationHeaderValue? Basic(string registry)
    {
        var credential = credentials(registry);
        if (credential?.Token is { Length: > 0 } bearer) return new AuthenticationHeaderValue("Bearer", bearer);
        if (credential is { Username: { Length: > 0 } user })
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{credential.Password}")));
        return null;
    }

    private async Task<string> TokenAsync(AuthenticationHeaderValue challenge, ImageReference image, CancellationToken cancel)
    {
        var parameters = (challenge.Parameter ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.OrdinalIgnoreCase);
        if (!parameters.TryGetValue("realm", out var realm))
            throw new ComponentFetchException($"the registry {image.Registry} asked for a token but named no realm");
        var query = new List<string>();
        if (parameters.TryGetValue("service", out var service)) query.Add("service=" + Uri.EscapeDataString(service));
        query.Add("scope=" + Uri.EscapeDataString(parameters.TryGetValue("scope", out var scope) ? scope : $"repository:{image.Repository}:pull"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{realm}?{string.Join('&', query)}");
        if (Basic(image.Registry) is { Scheme: "Basic" } basic) request.Headers.Authorization = basic;
        using var response = await http.SendAsync(request, cancel);
        if (!response.IsSuccessStatusCode)
            throw new ComponentFetchException($"the registry {image.Registry} refused a token for {image} (HTTP {(int)response.StatusCode})");
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancel));
        return (document.RootElement.TryGetProperty("token", out var t) ? t.GetString() : document.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null)
            ?? throw new ComponentFetchException($"the registry {image.Registry} sent a token reply without a token");
    }
}
