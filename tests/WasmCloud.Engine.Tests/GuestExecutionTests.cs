using WasmCloud.Wasm;

namespace WasmCloud.Wasm.Tests;

public class GuestExecutionTests
{
    private static readonly byte[] Wasm = Wat.ToWasm("""
        (module
          (func (export "sum") (param $n i32) (result i32) (local $acc i32)
            (block $done (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $acc (i32.add (local.get $acc) (local.get $n)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $next)))
            (local.get $acc))
          (func (export "fail") unreachable))
        """);

    [Fact]
    public async Task ConcurrentWorkRunsOnGuestThreadsAndCompletes()
    {
        var engine = new Engine();
        var pre = new Linker(engine).InstantiatePre(Module.FromBytes(engine, Wasm));
        var results = await Task.WhenAll(Enumerable.Range(1, 32).Select(n => GuestExecution.RunAsync(() =>
        {
            using var store = new Store(engine);
            var sum = pre.Instantiate(store).GetFunction("sum")!.Call(Value.I32(n * 1000))[0].AsI32();
            return (sum, Thread.CurrentThread.Name);
        })));
        for (var n = 1; n <= 32; n++) Assert.Equal((n * 1000) * (n * 1000 + 1) / 2, results[n - 1].sum);
        Assert.All(results, r => Assert.Equal("wasm-guest", r.Name));
    }

    [Fact]
    public async Task ATrapSurfacesFromTheAwaitedTask()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, Wasm));
        var trap = await Assert.ThrowsAsync<WasmTrap>(() => GuestExecution.RunAsync(() => instance.GetFunction("fail")!.Call()));
        Assert.Equal(TrapKind.Unreachable, trap.Kind);
    }
}
