using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;
using WasmCloud.Testing;

namespace WasmCloud.Wasi.Tests;

/// <summary>
/// A componentize-js (StarlingMonkey, 12 MB) component, built from the project's own JavaScript
/// (tests/WasmCloud.Components.Tests/Fixtures/src/hello.js), runs under the WASI 0.2 host.
/// </summary>
public class ComponentizeJsTests
{
    [Fact]
    public void ItsExportReturnsTheRightValueInEveryFreshInstance()
    {
        var engine = new Engine();
        var component = Component.FromBytes(engine, File.ReadAllBytes(Repository.PathOf("tests/WasmCloud.Components.Tests/Fixtures/hello.wasm")));
        var linker = new ComponentLinker(engine);
        new WasiPreview2().AddTo(linker);
        var pre = linker.Prepare(component);
        foreach (var name in new[] { "wasmCloud", "héllo 👋", "" })
        {
            using var wasi = new WasiContext(new WasiConfiguration());
            using var store = new Store(engine) { Data = wasi };
            var result = pre.Instantiate(store).GetFunction("hello")!.Call(ComponentValue.String(name));
            Assert.Equal(ComponentValue.String($"Hello from JavaScript, {name}! ({name.EnumerateRunes().Count()} code points)"), result);
        }
    }
}
