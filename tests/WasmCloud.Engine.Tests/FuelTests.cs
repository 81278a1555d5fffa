using WasmCloud.Wasm;

namespace WasmCloud.Wasm.Tests;

public class FuelTests
{
    private static readonly byte[] Wasm = Wat.ToWasm("""
        (module
          (func $step (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func (export "count") (param $n i32) (result i32)
            (local $i i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $i (call $step (local.get $i)))
                (br $next)))
            (local.get $i))
          (func (export "spin") (loop (br 0))))
        """);

    private static (Store Store, Instance Instance) Instantiate(bool consumeFuel, int splitThreshold = 8192)
    {
        var engine = new Engine(new EngineConfig { ConsumeFuel = consumeFuel, FunctionSplitThreshold = splitThreshold });
        var store = new Store(engine);
        return (store, new Linker(engine).Instantiate(store, Module.FromBytes(engine, Wasm)));
    }

    [Theory]
    [InlineData(8192)]
    [InlineData(4)]
    public void FuelIsOnePerCallAndLoopIterationWhateverTheCompilation(int splitThreshold)
    {
        var (store, instance) = Instantiate(consumeFuel: true, splitThreshold);
        store.Fuel = 1_000;
        Assert.Equal(10, instance.GetFunction("count")!.Call(Value.I32(10))[0].AsI32());
        // One for the call of count, eleven loop headers (the last one exits), ten calls of step.
        Assert.Equal(1_000 - 1 - 11 - 10, store.Fuel);
    }

    [Fact]
    public void RunningOutTrapsDeterministically()
    {
        var (store, instance) = Instantiate(consumeFuel: true);
        store.Fuel = 500;
        var trap = Assert.Throws<WasmTrap>(() => instance.GetFunction("spin")!.Call());
        Assert.Equal(TrapKind.OutOfFuel, trap.Kind);
        store.Fuel = 100;
        Assert.Equal(TrapKind.OutOfFuel, Assert.Throws<WasmTrap>(() => instance.GetFunction("count")!.Call(Value.I32(1_000))).Kind);
    }

    [Fact]
    public void FuelNeedsAnEngineThatConsumesIt()
    {
        var (store, _) = Instantiate(consumeFuel: false);
        Assert.Throws<InvalidOperationException>(() => store.Fuel = 10);
    }
}
