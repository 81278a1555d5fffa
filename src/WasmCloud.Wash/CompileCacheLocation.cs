namespace WasmCloud.Wash;

/// <summary>
/// Where wash keeps compiled modules between runs: <c>$WASMCLOUD_CACHE_DIR</c>, else
/// <c>$XDG_CACHE_HOME/wasmcloud-dotnet/modules</c>, else <c>~/.cache/wasmcloud-dotnet/modules</c>.
/// </summary>
internal static class CompileCacheLocation
{
    public static string Resolve()
    {
        if (Environment.GetEnvironmentVariable("WASMCLOUD_CACHE_DIR") is { Length: > 0 } explicitDirectory) return explicitDirectory;
        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cacheHome, "wasmcloud-dotnet", "modules");
    }
}
