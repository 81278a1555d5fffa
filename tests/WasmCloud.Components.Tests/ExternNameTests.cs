using WasmCloud.Components.Format;

namespace WasmCloud.Components.Tests;

public class ExternNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("is-XML")]
    [InlineData("a1-b2")]
    [InlineData("[constructor]r")]
    [InlineData("[method]r.get-x")]
    [InlineData("[static]r.new")]
    [InlineData("wasi:http/types")]
    [InlineData("wasi:io/streams@0.2.10")]
    [InlineData("a:b/c@0.0.0-abcd.1.2+efg.4.ee.5")]
    public void ValidNames(string name) => Assert.Null(ExternNames.Check(name));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("a-")]
    [InlineData("a--b")]
    [InlineData("aBc")]
    [InlineData("[method]a")]
    [InlineData("[method]a.b.c")]
    [InlineData("wasi:http/TyPeS")]
    [InlineData("WaSi:http/types")]
    [InlineData("foo:bar:baz/qux")]
    [InlineData("foo:bar/baz/qux")]
    [InlineData("a:b/c@")]
    [InlineData("a:b/c@1.")]
    [InlineData("a:b/c@2.0x0")]
    [InlineData("a:b/c@2.0.0+")]
    [InlineData("a:b/c@01.0.0")]
    public void InvalidNames(string name) => Assert.NotNull(ExternNames.Check(name));
}
