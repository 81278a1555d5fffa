using System.Reflection;

namespace WasmCloud.Testing;

/// <summary>
/// Paths inside the repository for tests and benchmarks: the root is written into the assembly at build time
/// (Directory.Build.props), so a test never guesses where it runs from.
/// </summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>A folder of ../shared (the read-only reference data), or null when it is absent.</summary>
    public static string? Shared(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", relative));
        return Directory.Exists(path) ? path : null;
    }
}
