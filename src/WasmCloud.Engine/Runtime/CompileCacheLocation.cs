namespace WasmCloud.Wasm;

/// <summary>
/// Where wash and the host keep compiled modules between runs (the default for <see cref="EngineConfig.CacheDirectory"/>): <c>$WASMCLOUD_CACHE_DIR</c>, else
/// <c>$XDG_CACHE_HOME/wasmcloud-dotnet/modules</c>, else <c>~/.cache/wasmcloud-dotnet/modules</c>.
/// </summary>
public static class CompileCacheLocation
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
