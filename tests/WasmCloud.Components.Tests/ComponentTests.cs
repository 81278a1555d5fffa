using WasmCloud.Components.Runtime;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Text;
using static WasmCloud.Components.Tests.ComponentBinary;

namespace WasmCloud.Components.Tests;

public class ComponentTests
{
    private static readonly Engine Engine = new();

    /// <summary>A component exporting <c>add: func(a: u32, b: u32) -> u32</c>, lifted from a core function.</summary>
    private static byte[] AddComponent() => new ComponentBinary()
        .Section(1, WatParser.ParseModule("(module (func (export \"add\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))"))
        .Vector(2, [0x00, 0x00, 0x00])                                          // core instance 0 = instantiate module 0
        .Vector(6, [0x00, 0x00, 0x01, 0x00, .. Name("add")])                      // core func 0 = alias core export 0 "add"
        .Vector(7, [0x40, 0x02, .. Name("a"), 0x79, .. Name("b"), 0x79, 0x00, 0x79]) // type 0 = func(a: u32, b: u32) -> u32
        .Vector(8, [0x00, 0x00, 0x00, 0x00, 0x00])                              // func 0 = canon lift core func 0, no options, type 0
        .Vector(11, [0x00, .. Name("add"), 0x01, 0x00, 0x00])                     // export "add" (func 0)
        .ToArray();

    [Fact]
    public void LiftedFunctionIsCalledWithDynamicValues()
    {
        var component = Component.FromBytes(Engine, AddComponent());
        var pre = new ComponentLinker(Engine).Prepare(component);
        var instance = pre.Instantiate(new Store(Engine));
        Assert.Equal(ComponentValue.U32(42), instance.GetFunction("add")!.Call(ComponentValue.U32(40), ComponentValue.U32(2)));
    }

    [Fact]
    public void EachInstantiationOfAPreparedComponentIsIndependent()
    {
        var pre = new ComponentLinker(Engine).Prepare(Component.FromBytes(Engine, AddComponent()));
        var first = pre.Instantiate(new Store(Engine));
        var second = pre.Instantiate(new Store(Engine));
        Assert.NotSame(first.GetFunction("add"), second.GetFunction("add"));
        Assert.Equal(ComponentValue.U32(0), second.GetFunction("add")!.Call(ComponentValue.U32(uint.MaxValue), ComponentValue.U32(1)));
    }

    [Fact]
    public void WrongArgumentKindsAreRejectedBeforeTheGuestRuns()
    {
        var instance = new ComponentLinker(Engine).Instantiate(new Store(Engine), Component.FromBytes(Engine, AddComponent()));
        Assert.Throws<ComponentException>(() => instance.GetFunction("add")!.Call(ComponentValue.String("x"), ComponentValue.U32(1)));
        Assert.Throws<ComponentException>(() => instance.GetFunction("add")!.Call(ComponentValue.U32(1)));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x07, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f })]
    public void MalformedBinariesAreRejected(byte[] binary) =>
        Assert.Throws<MalformedModuleException>(() => Component.FromBytes(Engine, binary));

    [Fact]
    public void HostileCountsDoNotAllocate()
    {
        // A type section claiming 2^31 definitions in 6 bytes must fail on the count, before allocating.
        var binary = new ComponentBinary().Section(7, [.. Leb(int.MaxValue), 0x40]).ToArray();
        var error = Assert.Throws<MalformedModuleException>(() => Component.FromBytes(Engine, binary));
        Assert.Contains("definitions", error.Message);
    }

    [Fact]
    public void LiftTypeMustMatchTheCoreSignature()
    {
        var binary = new ComponentBinary()
            .Section(1, WatParser.ParseModule("(module (func (export \"f\") (param i64)))"))
            .Vector(2, [0x00, 0x00, 0x00])
            .Vector(6, [0x00, 0x00, 0x01, 0x00, .. Name("f")])
            .Vector(7, [0x40, 0x01, .. Name("a"), 0x79, 0x01, 0x00])
            .Vector(8, [0x00, 0x00, 0x00, 0x00, 0x00])
            .ToArray();
        Assert.Throws<InvalidModuleException>(() => Component.FromBytes(Engine, binary));
    }

    [Fact]
    public void AsyncFeaturesAreReportedAsUnsupported()
    {
        var binary = new ComponentBinary().Vector(8, [0x1f]).ToArray(); // canon waitable-set.new
        Assert.Throws<UnsupportedFeatureException>(() => Component.FromBytes(Engine, binary));
    }
}
