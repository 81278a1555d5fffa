using System.Diagnostics;
using WasmCloud.Wasm;

namespace WasmCloud.Wasm.Tests;

public class SafetyTests
{
    private static Instance Instantiate(string wat, StoreLimits? limits = null)
    {
        var engine = new Engine();
        return new Linker(engine).Instantiate(new Store(engine, limits), Module.FromBytes(engine, Wat.ToWasm(wat)));
    }

    [Fact]
    public void InfiniteLoopIsStoppedByDeadline()
    {
        var instance = Instantiate("""(module (func (export "spin") (loop (br 0))))""");
        instance.Store.CallTimeout = TimeSpan.FromMilliseconds(100);
        var trap = Assert.Throws<WasmTrap>(() => instance.GetFunction("spin")!.Call());
        Assert.Equal(TrapKind.Interrupted, trap.Kind);
    }

    [Fact]
    public void InfiniteLoopIsStoppedByCancellation()
    {
        var instance = Instantiate("""(module (func (export "spin") (loop (br 0))))""");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var trap = Assert.Throws<WasmTrap>(() => instance.GetFunction("spin")!.Call(cancellation.Token));
        Assert.Equal(TrapKind.Interrupted, trap.Kind);
    }

    [Fact]
    public void StoreRemainsUsableAfterInterruption()
    {
        var instance = Instantiate("""
            (module
              (func (export "spin") (loop (br 0)))
              (func (export "answer") (result i32) (i32.const 42)))
            """);
        instance.Store.CallTimeout = TimeSpan.FromMilliseconds(50);
        Assert.Throws<WasmTrap>(() => instance.GetFunction("spin")!.Call());
        Assert.Equal(42, instance.GetFunction("answer")!.Call()[0].AsI32());
    }

    [Fact]
    public void RunawayRecursionTrapsAndTheProcessLives()
    {
        var instance = Instantiate("""
            (module
              (func $down (export "down") (param i64) (result i64)
                (i64.add (call $down (i64.add (local.get 0) (i64.const 1))) (i64.const 1))))
            """);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var trap = Assert.Throws<WasmTrap>(() => instance.GetFunction("down")!.Call(Value.I64(0)));
            Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
        }
    }

    [Fact]
    public void RecursionThroughHostFunctionsIsBounded()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new Linker(engine);
        Func? reenter = null;
        linker.DefineFunction("host", "reenter", (int depth) => reenter!.Call(Value.I32(depth + 1))[0].AsI32());
        var module = Module.FromBytes(engine, Wat.ToWasm("""
            (module
              (import "host" "reenter" (func $reenter (param i32) (result i32)))
              (func (export "go") (param i32) (result i32) (call $reenter (local.get 0))))
            """));
        reenter = linker.Instantiate(store, module).GetFunction("go");
        var trap = Assert.Throws<WasmTrap>(() => reenter!.Call(Value.I32(0)));
        Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
    }

    [Fact]
    public void MemoryGrowBeyondStoreLimitReturnsMinusOne()
    {
        var instance = Instantiate("""
            (module (memory 1)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
            """, new StoreLimits { MaxMemoryPages = 4 });
        var grow = instance.GetFunction("grow")!;
        Assert.Equal(1, grow.Call(Value.I32(3))[0].AsI32());
        Assert.Equal(-1, grow.Call(Value.I32(1))[0].AsI32());
        Assert.Equal(4u, instance.Context.Memory0!.Pages);
    }

    [Fact]
    public void InstantiationBeyondStoreLimitFailsCleanly()
    {
        var error = Assert.Throws<WasmException>(() => Instantiate("(module (memory 100))", new StoreLimits { MaxMemoryPages = 10 }));
        Assert.Contains("exceeds the limit", error.Message);
    }

    [Fact]
    public void TrapCarriesKindAndWasmBacktrace()
    {
        var instance = Instantiate("""
            (module
              (func $inner (param i32)
                (if (local.get 0) (then (call $inner (i32.sub (local.get 0) (i32.const 1)))))
                (drop (i32.div_s (i32.const 1) (local.get 0))))
              (func $outer (export "outer") (call $inner (i32.const 3))))
            """);
        var trap = Assert.Throws<WasmTrap>(() => instance.GetFunction("outer")!.Call());
        Assert.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
        // Frames the JIT inlined are absent from .NET stack traces; a recursive function never is inlined into itself.
        var names = trap.Backtrace.Select(f => f.FunctionName).ToList();
        Assert.Equal("inner", names[0]);
        Assert.Equal("outer", names[^1]);
        Assert.Contains("wasm backtrace", trap.ToString());
    }

    [Fact]
    public void OutOfBoundsAccessTraps()
    {
        var instance = Instantiate("""
            (module (memory 1)
              (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0))))
            """);
        var load = instance.GetFunction("load")!;
        Assert.Equal(0, load.Call(Value.I32(65528))[0].AsI32());
        Assert.Equal(TrapKind.MemoryOutOfBounds, Assert.Throws<WasmTrap>(() => load.Call(Value.I32(65529))).Kind);
        Assert.Equal(TrapKind.MemoryOutOfBounds, Assert.Throws<WasmTrap>(() => load.Call(Value.I32(-1))).Kind);
    }
}
