using System.Text.Json.Nodes;
using WasmCloud.Lattice.Wadm;

namespace WasmCloud.Wadm.Storage;

/// <summary>
/// Every version of one application, in the order they were put (the last is the current one), and which is
/// deployed. Stored as upstream stores it: <c>{"manifests": {version: manifest, …}, "deployed_version": …}</c>.
/// </summary>
internal sealed class StoredManifest
{
    private readonly List<(string Version, Manifest Manifest)> _versions = [];

    public string? DeployedVersion { get; set; }
    public int Count => _versions.Count;
    public IEnumerable<string> Versions => _versions.Select(v => v.Version);
    public string CurrentVersion => _versions.Count == 0 ? "" : _versions[^1].Version;
    public Manifest? Current => _versions.Count == 0 ? null : _versions[^1].Manifest;
    public Manifest? Deployed => DeployedVersion is { } v ? Get(v) : null;

    public Manifest? Get(string version) => _versions.FirstOrDefault(v => v.Version == version).Manifest;

    /// <summary>Adds a version; false when that version is stored already.</summary>
    public bool Add(Manifest manifest)
    {
        var version = manifest.Version ?? throw new ArgumentException("a stored manifest has a version", nameof(manifest));
        if (Get(version) is not null) return false;
        _versions.Add((version, manifest));
        return true;
    }

    /// <summary>Removes a version; when it was the deployed one, nothing is deployed after.</summary>
    public bool Remove(string version)
    {
        var removed = _versions.RemoveAll(v => v.Version == version) > 0;
        if (removed && DeployedVersion == version) DeployedVersion = null;
        return removed;
    }

    public byte[] Encode()
    {
        var manifests = new JsonObject();
        foreach (var (version, manifest) in _versions) manifests[version] = ManifestJson.Write(manifest);
        return System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["manifests"] = manifests, ["deployed_version"] = DeployedVersion }.ToJsonString());
    }

    public static StoredManifest Decode(ReadOnlySpan<byte> json)
    {
        var stored = new StoredManifest();
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("a stored manifest is a JSON object");
        foreach (var (_, manifest) in root["manifests"] as JsonObject ?? []) if (manifest is not null) stored.Add(ManifestJson.Read(manifest));
        stored.DeployedVersion = root["deployed_version"]?.GetValue<string>();
        return stored;
    }
}
