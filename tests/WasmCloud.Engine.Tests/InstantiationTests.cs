using WasmCloud.Wasm;

namespace WasmCloud.Wasm.Tests;

public class InstantiationTests
{
    private static readonly byte[] Counter = Wat.ToWasm("""
        (module
          (import "host" "seen" (func $seen (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "\2a")
          (table 1 funcref)
          (elem (i32.const 0) $bump)
          (func $bump (result i32)
            (i32.store8 (i32.const 16) (i32.add (i32.load8_u (i32.const 16)) (i32.const 1)))
            (i32.load8_u (i32.const 16)))
          (func (export "bump") (result i32)
            (call $seen (call_indirect (result i32) (i32.const 0)))
            (i32.load8_u (i32.const 16))))
        """);

    [Fact]
    public void EachInstanceOfAPreInstantiatedModuleStartsFresh()
    {
        var engine = new Engine();
        var seen = new List<int>();
        var linker = new Linker(engine).DefineFunction("host", "seen", (int value) => seen.Add(value));
        var pre = linker.InstantiatePre(Module.FromBytes(engine, Counter));
        for (var i = 0; i < 3; i++)
        {
            using var store = new Store(engine);
            var bump = pre.Instantiate(store).GetFunction("bump")!;
            Assert.Equal(43, bump.Call()[0].AsI32());
            Assert.Equal(44, bump.Call()[0].AsI32());
        }
        Assert.Equal([43, 44, 43, 44, 43, 44], seen);
    }

    [Fact]
    public void HostFunctionsKnowTheInstanceThatCalledThem()
    {
        var engine = new Engine();
        var callers = new List<Instance?>();
        var linker = new Linker(engine).DefineFunction("host", "seen",
            new Format.FuncType([Format.ValueType.I32], []), (caller, _, _) => callers.Add(caller.Instance));
        var pre = linker.InstantiatePre(Module.FromBytes(engine, Counter));
        var store = new Store(engine);
        var first = pre.Instantiate(store);
        var second = pre.Instantiate(store);
        first.GetFunction("bump")!.Call();
        second.GetFunction("bump")!.Call();
        Assert.Equal([first, second], callers);
    }

    [Fact]
    public void DisposingAStoreFreesItsMemoriesAndRefusesWhileGuestCodeRuns()
    {
        var engine = new Engine();
        var store = new Store(engine);
        Instance? instance = null;
        var linker = new Linker(engine).DefineFunction("host", "seen", (int _) => Assert.Throws<InvalidOperationException>(store.Dispose));
        instance = linker.Instantiate(store, Module.FromBytes(engine, Counter));
        instance.GetFunction("bump")!.Call();
        store.Dispose();
        Assert.Equal(0, instance.GetMemory("memory")!.LengthInBytes);
        Assert.Equal(TrapKind.MemoryOutOfBounds, Assert.Throws<WasmTrap>(() => instance.GetFunction("bump")!.Call()).Kind);
    }

    [Fact]
    public void APooledMemoryStartsAsItsImageAtItsInitialSizeAndGrowsIntoZeroes()
    {
        var engine = new Engine();
        // Two runs of image with a gap between them, all three overwritten before the memory goes back to the pool.
        var pre = new Linker(engine).InstantiatePre(Module.FromBytes(engine, Wat.ToWasm("""
            (module
              (memory (export "memory") 1)
              (data (i32.const 8) "\07")
              (data (i32.const 4096) "\09")
              (func (export "dirty") (result i32)
                (i32.store (i32.const 8) (i32.const -1))
                (i32.store (i32.const 2000) (i32.const -1))
                (i32.store (i32.const 4096) (i32.const -1))
                (i32.store (i32.const 100) (i32.const -1))
                (drop (memory.grow (i32.const 2)))
                (i32.store (i32.const 131072) (i32.const -1))
                (memory.size))
              (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "grow") (result i32) (memory.grow (i32.const 2))))
            """)));
        for (var round = 0; round < 3; round++)
        {
            using var store = new Store(engine);
            var instance = pre.Instantiate(store);
            Assert.Equal(1u, instance.GetMemory("memory")!.Pages);
            Assert.Equal(7, instance.GetFunction("peek")!.Call(Value.I32(8))[0].AsI32());
            Assert.Equal(0, instance.GetFunction("peek")!.Call(Value.I32(100))[0].AsI32());
            Assert.Equal(0, instance.GetFunction("peek")!.Call(Value.I32(2000))[0].AsI32());
            Assert.Equal(9, instance.GetFunction("peek")!.Call(Value.I32(4096))[0].AsI32());
            Assert.Equal(1, instance.GetFunction("grow")!.Call()[0].AsI32());
            Assert.Equal(0, instance.GetFunction("peek")!.Call(Value.I32(131072))[0].AsI32());
            instance.GetFunction("dirty")!.Call();
        }
    }
}
