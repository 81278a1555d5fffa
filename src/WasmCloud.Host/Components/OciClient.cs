using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WasmCloud.Lattice.Control;

namespace WasmCloud.Host.Components;

/// <summary>
/// Pulls and pushes components in OCI registries (distribution API v2). A pull reads the manifest for the
/// reference, then the layer of media type <c>application/vnd.module.wasm.content.layer.v1+wasm</c> (or
/// <c>application/wasm</c>), checked against its digest. Registries that answer 401 get a bearer token from the
/// realm they name, with basic credentials when there are some for that registry. Registries listed as insecure
/// are spoken to over plain HTTP.
/// </summary>
public sealed class OciClient(HttpClient http, Func<string, RegistryCredential?> credentials, IReadOnlyCollection<string> allowedInsecure)
{
    private readonly HttpClient _http = http;
    private readonly Func<string, RegistryCredential?> _credentials = credentials;
    private readonly IReadOnlyCollection<string> _allowedInsecure = allowedInsecure;

    public const string WasmLayerMediaType = "application/vnd.module.wasm.content.layer.v1+wasm";
    private const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    private static readonly string[] LayerMediaTypes = [WasmLayerMediaType, "application/wasm"];
    private static readonly string[] ManifestMediaTypes = [ManifestMediaType, "application/vnd.docker.distribution.manifest.v2+json"];

    public async Task<byte[]> PullAsync(ImageReference image, long maxBytes, CancellationToken cancel)
    {
        var session = new Session(this, image);
        var manifest = await session.ReadAsync(HttpMethod.Get, $"manifests/{image.Reference}", ManifestMediaTypes, cancel);
        var layer = FindLayer(manifest, image);
        if (layer.Size > maxBytes)
            throw new ComponentFetchException($"{image} is {layer.Size} bytes, more than the host's --max-component-size-bytes ({maxBytes})");
        var bytes = await session.ReadAsync(HttpMethod.Get, $"blobs/{layer.Digest}", ["*/*"], cancel);
        if (bytes.LongLength > maxBytes)
            throw new ComponentFetchException($"{image} is {bytes.LongLength} bytes, more than the host's --max-component-size-bytes ({maxBytes})");
        if (layer.Digest.StartsWith("sha256:", StringComparison.Ordinal) && Digest(bytes) != layer.Digest)
            throw new ComponentFetchException($"{image}: the layer's content does not match its digest {layer.Digest}");
        return bytes;
    }

    /// <summary>Pushes a component as a one-layer artifact with an empty config, tagged with the reference's tag, as wash pushes components.</summary>
    public async Task PushAsync(ImageReference image, byte[] component, CancellationToken cancel)
    {
        var session = new Session(this, image);
        var config = "{}"u8.ToArray();
        await PushBlobAsync(session, config, cancel);
        await PushBlobAsync(session, component, cancel);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.wasmcloud.actor.archive.config", ["digest"] = Digest(config), ["size"] = config.Length },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = WasmLayerMediaType, ["digest"] = Digest(component), ["size"] = component.Length }),
        };
        using var _ = await session.SendAsync(HttpMethod.Put, $"manifests/{image.Reference}", [], Encoding.UTF8.GetBytes(manifest.ToJsonString()), ManifestMediaType, cancel);
    }

    private static async Task PushBlobAsync(Session session, byte[] blob, CancellationToken cancel)
    {
        using var started = await session.SendAsync(HttpMethod.Post, "blobs/uploads/", [], null, null, cancel);
        var location = started.Headers.Location ?? throw new ComponentFetchException("the registry gave no upload location");
        var target = location.ToString();
        using var _ = await session.SendAsync(HttpMethod.Put, $"{target}{(target.Contains('?') ? '&' : '?')}digest={Uri.EscapeDataString(Digest(blob))}", [], blob, "application/octet-stream", cancel);
    }

    private static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

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

    /// <summary>The requests of one pull or push: one repository, and the bearer token the registry handed out for it.</summary>
    private sealed class Session(OciClient client, ImageReference image)
    {
        private readonly Uri _base = new($"{(client._allowedInsecure.Contains(image.Registry, StringComparer.OrdinalIgnoreCase) ? "http" : "https")}://{image.Registry}/v2/{image.Repository}/");
        private string? _token;

        public async Task<byte[]> ReadAsync(HttpMethod method, string path, string[] accept, CancellationToken cancel)
        {
            using var response = await SendAsync(method, path, accept, null, null, cancel);
            return await response.Content.ReadAsByteArrayAsync(cancel);
        }

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string[] accept, byte[]? body, string? contentType, CancellationToken cancel)
        {
            var uri = new Uri(_base, path);
            var response = await SendOnceAsync(method, uri, accept, body, contentType, cancel);
            if (response.StatusCode == HttpStatusCode.Unauthorized && response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme == "Bearer") is { } challenge)
            {
                response.Dispose();
                _token = await TokenAsync(challenge, cancel);
                response = await SendOnceAsync(method, uri, accept, body, contentType, cancel);
            }
            if (response.IsSuccessStatusCode) return response;
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new ComponentFetchException(status switch
            {
                404 => $"{image} was not found in the registry {image.Registry}",
                401 or 403 => $"the registry {image.Registry} refused access to {image} (HTTP {status}); are credentials set (registry.put, --oci-user)?",
                _ => $"the registry {image.Registry} answered HTTP {status} to {method} {uri.AbsolutePath}",
            });
        }

        private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri uri, string[] accept, byte[]? body, string? contentType, CancellationToken cancel)
        {
            using var request = new HttpRequestMessage(method, uri);
            foreach (var type in accept) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                if (contentType is not null) request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }
            request.Headers.Authorization = _token is not null ? new AuthenticationHeaderValue("Bearer", _token) : Credentials();
            try
            {
                return await client._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            }
            catch (HttpRequestException e)
            {
                throw new ComponentFetchException($"could not reach the registry {image.Registry} for {image}: {e.Message}");
            }
        }

        private AuthenticationHeaderValue? Credentials()
        {
            var credential = client._credentials(image.Registry);
            if (credential?.Token is { Length: > 0 } bearer) return new AuthenticationHeaderValue("Bearer", bearer);
            if (credential is { Username: { Length: > 0 } user })
                return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{credential.Password}")));
            return null;
        }

        private async Task<string> TokenAsync(AuthenticationHeaderValue challenge, CancellationToken cancel)
        {
            var parameters = (challenge.Parameter ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.OrdinalIgnoreCase);
            if (!parameters.TryGetValue("realm", out var realm))
                throw new ComponentFetchException($"the registry {image.Registry} asked for a token but named no realm");
            var query = new List<string>();
            if (parameters.TryGetValue("service", out var service)) query.Add("service=" + Uri.EscapeDataString(service));
            query.Add("scope=" + Uri.EscapeDataString(parameters.TryGetValue("scope", out var scope) ? scope : $"repository:{image.Repository}:pull"));
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{realm}?{string.Join('&', query)}");
            if (Credentials() is { Scheme: "Basic" } basic) request.Headers.Authorization = basic;
            using var response = await client._http.SendAsync(request, cancel);
            if (!response.IsSuccessStatusCode)
                throw new ComponentFetchException($"the registry {image.Registry} refused a token for {image} (HTTP {(int)response.StatusCode})");
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancel));
            var root = document.RootElement;
            return (root.TryGetProperty("token", out var t) ? t.GetString() : root.TryGetProperty("access_token", out var a) ? a.GetString() : null)
                ?? throw new ComponentFetchException($"the registry {image.Registry} sent a token reply without a token");
        }
    }
}
