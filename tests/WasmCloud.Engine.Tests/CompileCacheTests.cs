using WasmCloud.Wasm;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Tests;

public sealed class CompileCacheTests : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("compile-cache");

    public void Dispose() => _cache.Delete(recursive: true);

    private static readonly byte[] Wasm = Wat.ToWasm("""
        (module
          (type $binary (func (param i32 i32) (result i32)))
          (type $unary (func (param i32) (result i32)))
          (table 2 funcref)
          (elem (i32.const 0) $add $negate)
          (func $add (type $binary) (i32.add (local.get 0) (local.get 1)))
          (func $negate (type $unary) (i32.sub (i32.const 0) (local.get 0)))
          (func (export "apply") (param i32 i32 i32) (result i32)
            (call_indirect (type $binary) (local.get 1) (local.get 2) (local.get 0))))
        """);

    private Func Apply(Engine engine) =>
        new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, Wasm)).GetFunction("apply")!;

    [Fact]
    public void ASecondEngineLoadsTheCachedCompilationAndChecksSignaturesWithItsOwnTypeIds()
    {
        var first = new Engine(new EngineConfig { CacheDirectory = _cache.FullName });
        Assert.Equal(5, Apply(first).Call(Value.I32(0), Value.I32(2), Value.I32(3))[0].AsI32());
        Assert.Single(_cache.GetFiles("*.dll"));

        // A restarted host: a new engine whose type identities are assigned in a different order.
        var second = new Engine(new EngineConfig { CacheDirectory = _cache.FullName });
        Func.FromCallback(new Store(second), new Format.FuncType([ValueType.F64], []), (_, _, _) => { });
        var apply = Apply(second);
        Assert.Equal(7, apply.Call(Value.I32(0), Value.I32(3), Value.I32(4))[0].AsI32());
        var trap = Assert.Throws<WasmTrap>(() => apply.Call(Value.I32(1), Value.I32(3), Value.I32(4)));
        Assert.Equal(TrapKind.IndirectCallTypeMismatch, trap.Kind);
        Assert.Single(_cache.GetFiles("*.dll"));
    }

    [Fact]
    public void DifferentModulesGetDifferentEntries()
    {
        var engine = new Engine(new EngineConfig { CacheDirectory = _cache.FullName });
        Module.FromBytes(engine, Wasm);
        Module.FromBytes(engine, Wat.ToWasm("(module (func (export \"nothing\")))"));
        Assert.Equal(2, _cache.GetFiles("*.dll").Length);
    }
}

public sealed class CompileCacheFailureTests : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("compile-cache-failures");

    public void Dispose() => _cache.Delete(recursive: true);

    private static readonly byte[] Wasm = Wat.ToWasm("(module (func (export \"answer\") (result i32) (i32.const 42)))");

    private static int Answer(Engine engine) =>
        new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, Wasm)).GetFunction("answer")!.Call()[0].AsI32();

    [Fact]
    public void ACorruptEntryIsCompiledAgainAndReplaced()
    {
        var engine = new Engine(new EngineConfig { CacheDirectory = _cache.FullName });
        Assert.Equal(42, Answer(engine));
        var entry = Assert.Single(_cache.GetFiles("*.dll"));
        File.WriteAllBytes(entry.FullName, [0x4D, 0x5A, 1, 2, 3]);
        Assert.Equal(42, Answer(new Engine(new EngineConfig { CacheDirectory = _cache.FullName })));
        Assert.True(new FileInfo(entry.FullName).Length > 5);
    }

    [Fact]
    public void ACacheDirectoryThatCannotBeCreatedOnlyCostsTheCache()
    {
        var blocker = Path.Combine(_cache.FullName, "a-file");
        File.WriteAllText(blocker, "not a directory");
        Assert.Equal(42, Answer(new Engine(new EngineConfig { CacheDirectory = Path.Combine(blocker, "cache") })));
    }
}
