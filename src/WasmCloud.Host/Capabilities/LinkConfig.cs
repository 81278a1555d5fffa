namespace WasmCloud.Host.Capabilities;

/// <summary>
/// A link's config as providers read it: keys without regard to case, since upstream's providers and their READMEs
/// spell the same key both ways (<c>ROOT</c>, <c>subscriptions</c> / <c>SUBSCRIPTIONS</c>).
/// </summary>
internal static class LinkConfig
{
    public static string? Get(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var exact) ? exact : config.FirstOrDefault(c => c.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
}
