using WasmCloud.Wasm;

namespace WasmCloud.Wasm.Tests;

public class EmbeddingExampleTests
{
    // Keep in step with the embedding example in README.md.
    [Fact]
    public void LoadLinkAndCall()
    {
        var wasm = Wat.ToWasm("""
            (module
              (import "host" "log" (func $log (param i32)))
              (func (export "add_and_log") (param i32 i32) (result i32)
                (local.tee 0 (i32.add (local.get 0) (local.get 1)))
                (call $log)
                (local.get 0)))
            """);

        var logged = new List<int>();
        var engine = new Engine();
        var module = Module.FromBytes(engine, wasm);
        var linker = new Linker(engine);
        linker.DefineFunction("host", "log", (int value) => logged.Add(value));
        var store = new Store(engine);
        var instance = linker.Instantiate(store, module);
        var results = instance.GetFunction("add_and_log")!.Call(Value.I32(40), Value.I32(2));

        Assert.Equal(42, results[0].AsI32());
        Assert.Equal([42], logged);
    }
}
