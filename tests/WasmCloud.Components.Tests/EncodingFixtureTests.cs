using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Tests;

/// <summary>
/// Host → guest → host round trips of strings through the latin1+utf16 and utf16 encodings (the UTF-8 ones
/// are covered by the values fixture): the echo fixture lowers, hands back and lifts the same code units.
/// </summary>
public class EncodingFixtureTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("café, ÿ and Ä: all Latin-1")]
    [InlineData("snow ☃ needs UTF-16")]
    [InlineData("and 👋 a surrogate pair")]
    public void StringsRoundTripThroughBothUtf16Encodings(string text)
    {
        var instance = new ComponentLinker(Fixtures.Engine).Instantiate(new Store(Fixtures.Engine), Fixtures.Load("echo"));
        foreach (var export in new[] { "echo-latin1-utf16", "echo-utf16" })
        {
            var result = instance.GetFunction(export)!.Call(ComponentValue.String(text));
            Assert.Equal(ComponentValue.String(text), result);
        }
    }
}
