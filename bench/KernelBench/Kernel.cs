namespace KernelBench;

/// <summary>A C benchmark program and the arguments it is timed with.</summary>
internal sealed record Kernel(string Name, string Source, string[] Arguments, string? ExtraFlags = null)
{
    public string Wasm(string outDirectory) => Path.Combine(outDirectory, Name + ".wasm");
    public string Native(string outDirectory) => Path.Combine(outDirectory, Name);

    /// <summary>The shared kernels with the sizes ../shared/README.md quotes, then the project's own.</summary>
    public static List<Kernel> All(string repository, string? shared)
    {
        var kernels = new List<Kernel>();
        if (shared is not null)
        {
            kernels.Add(new("fib", Path.Combine(shared, "fib.c"), ["38"]));
            kernels.Add(new("nbody", Path.Combine(shared, "nbody.c"), ["5000000"]));
            kernels.Add(new("sha", Path.Combine(shared, "sha.c"), ["256"]));
        }
        var own = Path.Combine(repository, "bench", "kernels");
        kernels.Add(new("interp", Path.Combine(own, "interp.c"), ["20000000"]));
        kernels.Add(new("hashtab", Path.Combine(own, "hashtab.c"), ["40"]));
        kernels.Add(new("matmul", Path.Combine(own, "matmul.c"), ["640"]));
        kernels.Add(new("compress", Path.Combine(own, "compress.c"), ["16"]));
        var simd = Path.Combine(own, "simd_dot.c");
        if (File.Exists(simd)) kernels.Add(new("simd_dot", simd, [], "-msimd128"));
        return kernels;
    }
}
