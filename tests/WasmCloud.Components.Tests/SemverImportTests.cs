using WasmCloud.Components.Format;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;
using static WasmCloud.Components.Tests.ComponentBinary;

namespace WasmCloud.Components.Tests;

public class SemverImportTests
{
    private static readonly Engine Engine = new();

    /// <summary>A component importing <c>func()</c> under <paramref name="name"/> and exporting it again as <c>f</c>.</summary>
    private static Component Importing(string name) => Component.FromBytes(Engine, new ComponentBinary()
        .Vector(7, [0x40, 0x00, 0x01, 0x00])               // type 0 = func()
        .Vector(10, [0x00, .. Name(name), 0x01, 0x00])      // import NAME (func (type 0))
        .Vector(11, [0x00, .. Name("f"), 0x01, 0x00, 0x00]) // export "f" (func 0)
        .ToArray());

    private static ComponentFunc? Bound(ComponentLinker linker, string imported) =>
        linker.Prepare(Importing(imported)).Instantiate(new Store(Engine)).GetFunction("f");

    private static HostFunc Nothing() => new(new FuncType([], null), _ => null);

    [Theory]
    [InlineData("1.2.3", "1")]
    [InlineData("0.2.10", "0.2")]
    [InlineData("0.0.3", "0.0.3")]
    [InlineData("0.2.0-rc.1", "0.2.0-rc.1")]
    [InlineData("0.2.1+build", "0.2")]
    public void CompatibilityTrackFollowsCargo(string version, string track) => Assert.Equal(track, SemVer.CompatibilityTrack(version));

    [Theory]
    [InlineData("wasi:io/streams@0.2.10", "wasi:io/streams@0.2.12")]
    [InlineData("wasi:io/streams@0.2.12", "wasi:io/streams@0.2.10")]
    public void ImportsBindToSemverCompatibleDefinitions(string imported, string defined)
    {
        var host = Nothing();
        Assert.Same(host, Bound(new ComponentLinker(Engine).DefineFunction(defined, host), imported));
    }

    [Fact]
    public void TheNewestCompatibleVersionWins()
    {
        var older = Nothing();
        var newer = Nothing();
        var linker = new ComponentLinker(Engine)
            .DefineFunction("wasi:io/streams@0.2.3", older)
            .DefineFunction("wasi:io/streams@0.2.12", newer)
            .DefineFunction("wasi:io/streams@0.3.0", Nothing());
        Assert.Same(newer, Bound(linker, "wasi:io/streams@0.2.0"));
    }

    [Theory]
    [InlineData("wasi:io/streams@0.3.0")]
    [InlineData("wasi:io/poll@0.2.12")]
    [InlineData("wasi:io/streams")]
    public void IncompatibleDefinitionsDoNotBind(string defined)
    {
        var linker = new ComponentLinker(Engine).DefineFunction(defined, Nothing());
        Assert.Throws<LinkException>(() => linker.Prepare(Importing("wasi:io/streams@0.2.10")));
    }
}
