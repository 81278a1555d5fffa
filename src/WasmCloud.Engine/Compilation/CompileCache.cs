using System.Security.Cryptography;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Compiled modules on disk, keyed by a hash of the module's bytes and of the engine build that compiled
/// them, so a restarted host skips validation and compilation. The directory holds code the host will run:
/// it must be as private as the host's own binaries.
/// </summary>
internal sealed class CompileCache
{
    private static readonly string EngineBuild = typeof(CompileCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");
    private readonly string _directory;

    public CompileCache(string directory) => _directory = directory;

    /// <summary>The key of a module's compilation: its bytes, the engine build, and the settings that shape the code.</summary>
    public static string KeyOf(ReadOnlySpan<byte> binary, CompilerSettings settings)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(binary, hash);
        return $"{Convert.ToHexStringLower(hash)}-{EngineBuild}-{settings.CacheKey}";
    }

    public byte[]? TryRead(string key)
    {
        try
        {
            return File.ReadAllBytes(PathOf(key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes atomically (temporary file, then rename), so a concurrent reader never sees half an image. A
    /// directory that cannot be written leaves the cache empty rather than failing the load.
    /// </summary>
    public void TryWrite(string key, byte[] image)
    {
        var temporary = PathOf(key) + $".{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, PathOf(key), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
        }
    }

    private string PathOf(string key) => Path.Combine(_directory, key + ".dll");
}
