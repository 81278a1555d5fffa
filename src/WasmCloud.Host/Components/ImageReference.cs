namespace WasmCloud.Host.Components;

/// <summary>
/// An OCI image reference as wasmCloud users write them: <c>[registry/]repository[:tag][@digest]</c>, e.g.
/// <c>ghcr.io/wasmcloud/components/http-hello-world-rust:0.1.0</c> or <c>localhost:5000/hello:1.0</c>. A reference
/// without a registry is on Docker Hub; without a tag or digest it means <c>latest</c>.
/// </summary>
public sealed record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "registry-1.docker.io";

    /// <summary>The tag, or <c>latest</c> when the reference names neither a tag nor a digest.</summary>
    public string Reference => Digest ?? Tag ?? "latest";

    /// <summary>Whether the reference means whatever <c>latest</c> is at the moment of the pull.</summary>
    public bool IsLatest => Digest is null && (Tag is null || Tag == "latest");

    public static ImageReference Parse(string text)
    {
        var rest = text.StartsWith("oci://", StringComparison.Ordinal) ? text["oci://".Length..] : text;
        if (rest.Length == 0 || rest.Any(char.IsWhiteSpace)) throw new FormatException($"`{text}` is not an image reference");
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!digest.Contains(':')) throw new FormatException($"`{text}` has a malformed digest (want algorithm:hex)");
        }
        string registry = DockerHub;
        var slash = rest.IndexOf('/');
        if (slash > 0 && (rest[..slash].Contains('.') || rest[..slash].Contains(':') || rest[..slash] == "localhost"))
        {
            registry = rest[..slash];
            rest = rest[(slash + 1)..];
        }
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (tag.Length == 0) throw new FormatException($"`{text}` has an empty tag");
        }
        if (rest.Length == 0) throw new FormatException($"`{text}` names no repository");
        if (registry == DockerHub && !rest.Contains('/')) rest = "library/" + rest;
        return new ImageReference(registry, rest, tag, digest);
    }

    public override string ToString() => $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";
}
