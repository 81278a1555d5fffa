using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;
using static WasmCloud.Components.ComponentValue;

namespace WasmCloud.Components.Tests;

/// <summary>
/// Two C fixtures linked through <see cref="ComponentLinker"/>: <c>relay.wasm</c> (UTF-16) imports
/// test:fixtures/greet, which <c>greeter.wasm</c> (UTF-8) exports, so each call transcodes the name into
/// UTF-8 and the greeting back into UTF-16.
/// </summary>
public class ComposedFixtureTests
{
    private const string Greet = "test:fixtures/greet@1.0.0";

    private static ComponentFunc Relay(Store store)
    {
        var greeter = new ComponentLinker(Fixtures.Engine).Instantiate(store, Fixtures.Load("greeter"));
        var linker = new ComponentLinker(Fixtures.Engine).DefineInstance(Greet, greeter.GetInstance(Greet)!);
        return linker.Instantiate(store, Fixtures.Load("relay")).GetFunction("relay")!;
    }

    [Theory]
    [InlineData("world")]
    [InlineData("Zoë")]                 // two UTF-8 bytes, one UTF-16 unit
    [InlineData("日本")]                 // three UTF-8 bytes, one UTF-16 unit
    [InlineData("🙂 and 𝄞")]            // four UTF-8 bytes, a UTF-16 surrogate pair
    [InlineData("")]
    public void StringsTranscodeBetweenUtf16AndUtf8Components(string name) =>
        Assert.Equal(String($"[Hello, {name}!]").ToString(), Relay(new Store(Fixtures.Engine)).Call(String(name))?.ToString());

    [Fact]
    public void TheUtf8SideAloneAnswersTheSame()
    {
        var greeter = new ComponentLinker(Fixtures.Engine).Instantiate(new Store(Fixtures.Engine), Fixtures.Load("greeter"));
        Assert.Equal(String("Hello, 🙂!").ToString(), Fixtures.Export(greeter, Greet, "greet").Call(String("🙂"))?.ToString());
    }
}
