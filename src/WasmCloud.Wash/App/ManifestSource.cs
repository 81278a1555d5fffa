using System.Text;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wash;

/// <summary>Where <c>wash app put/deploy</c> read a manifest from: a file, an http(s) URL, or stdin (<c>-</c>).</summary>
internal static class ManifestSource
{
    public static bool IsManifest(string source) =>
        source == "-" || source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal) || File.Exists(source);

    public static async Task<(byte[] Body, string? ContentType)> ReadAsync(string source, CancellationToken cancel)
    {
        if (source == "-")
        {
            using var stdin = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            await stdin.CopyToAsync(buffer, cancel);
            return (buffer.ToArray(), null);
        }
        if (source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            try
            {
                using var response = await http.GetAsync(source, cancel);
                if (!response.IsSuccessStatusCode) throw new WashException($"could not fetch {source}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                return (await response.Content.ReadAsByteArrayAsync(cancel), TypeOf(new Uri(source).AbsolutePath));
            }
            catch (HttpRequestException e)
            {
                throw new WashException($"could not fetch {source}: {e.Message}");
            }
        }
        if (!File.Exists(source)) throw new WashException($"no manifest file {source}");
        return (await File.ReadAllBytesAsync(source, cancel), TypeOf(source));
    }

    private static string? TypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".yaml" or ".yml" => "application/yaml",
        _ => null,
    };

    /// <summary>The manifest's name and version annotation, when it parses.</summary>
    public static (string? Name, string? Version) NameAndVersion(byte[] body, string? contentType)
    {
        try
        {
            var manifest = ManifestJson.Read(ManifestJson.ParseText(Encoding.UTF8.GetString(body), contentType));
            return (manifest.Name, manifest.Version);
        }
        catch (Exception e) when (e is ManifestException or InvalidOperationException)
        {
            return (null, null);
        }
    }
}
