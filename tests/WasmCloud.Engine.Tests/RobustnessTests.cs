using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using WasmCloud.Wasm;
using Xunit.Abstractions;
using WasmCloud.Testing;

namespace WasmCloud.Wasm.Tests;

/// <summary>Hostile input: truncated and mutated spec modules must end in a module or in the engine's own error.</summary>
public class RobustnessTests(ITestOutputHelper output)
{
    private const int Variants = 10_000;

    [Fact]
    public async Task MutatedSpecModulesNeverEscapeTheEngineErrorType()
    {
        var suite = Repository.Shared("wasm-spec-tests");
        if (suite is null)
        {
            output.WriteLine("skipped: ../shared not found");
            return;
        }
        var seeds = SeedModules(suite);
        Assert.NotEmpty(seeds);

        var random = new Random(20261121);
        var engine = new Engine();
        // The first load JIT-compiles the engine itself; the one-second bound is about each variant's own work.
        Load(engine, seeds[0]);
        int accepted = 0, rejected = 0;
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < Variants; i++)
        {
            var variant = Mutate(seeds[random.Next(seeds.Count)], random);
            // Timed inside the task: waiting for a thread-pool thread is not the variant's own time.
            var work = Task.Run(() =>
            {
                var clock = Stopwatch.StartNew();
                var (valid, escaped) = Load(engine, variant);
                return (valid, escaped, clock.Elapsed);
            });
            var finished = await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(finished == work, $"variant {i} did not finish loading within 30 s");
            var (valid, escaped, elapsed) = await work;
            if (elapsed > slowest) slowest = elapsed;
            Assert.True(elapsed < TimeSpan.FromSeconds(1), $"variant {i} took {elapsed.TotalMilliseconds} ms");
            if (escaped is not null)
                Assert.Fail($"variant {i} escaped with {escaped.GetType().Name}: {escaped.Message}\n{escaped.StackTrace}");
            if (valid) accepted++;
            else rejected++;
        }
        output.WriteLine($"{Variants} variants of {seeds.Count} seed modules: {accepted} valid, {rejected} rejected; slowest {slowest.TotalMilliseconds:F1} ms");
    }

    /// <summary>Decodes, validates, compiles and JIT-compiles every function; reports any non-engine exception.</summary>
    private static (bool Valid, Exception? Escaped) Load(Engine engine, byte[] binary)
    {
        try
        {
            var module = Module.FromBytes(engine, binary);
            foreach (var method in module.Code.Type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
            return (true, null);
        }
        catch (WasmException)
        {
            return (false, null);
        }
        catch (Exception e)
        {
            return (false, e);
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        switch (random.Next(4))
        {
            case 0: return seed[..random.Next(seed.Length)];
            case 1:
            {
                var copy = (byte[])seed.Clone();
                for (int i = 0, n = 1 + random.Next(4); i < n; i++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
                return copy;
            }
            case 2:
            {
                var copy = (byte[])seed.Clone();
                var at = random.Next(copy.Length);
                copy[at] = (byte)(copy[at] ^ (1 << random.Next(8)));
                return copy;
            }
            default:
            {
                var at = random.Next(seed.Length);
                var inserted = new byte[1 + random.Next(8)];
                random.NextBytes(inserted);
                return [.. seed[..at], .. inserted, .. seed[at..]];
            }
        }
    }

    private static List<byte[]> SeedModules(string suite)
    {
        var work = Directory.CreateTempSubdirectory("seeds");
        try
        {
            string[] files = ["block", "br_table", "call_indirect", "memory_copy", "table_init", "float_exprs", "i64", "select", "global", "elem", "data", "binary", "func", "loop", "if", "memory_grow", "bulk", "ref_func"];
            foreach (var name in files)
            {
                var start = new ProcessStartInfo("wast2json", [Path.Combine(suite, name + ".wast"), "-o", Path.Combine(work.FullName, name + ".json")])
                { RedirectStandardError = true, RedirectStandardOutput = true };
                using var process = Process.Start(start)!;
                process.WaitForExit();
            }
            return Directory.GetFiles(work.FullName, "*.wasm").Select(File.ReadAllBytes).Where(b => b.Length > 8).ToList();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
