using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;
using static WasmCloud.Components.ComponentValue;

namespace WasmCloud.Components.Tests;

/// <summary>The C fixture <c>counters.wasm</c>: a guest resource with a constructor, a method, a static function and a destructor that calls the host.</summary>
public class ResourceFixtureTests
{
    private const string Counters = "test:fixtures/counters@1.0.0";

    private static (ComponentInstance Counters, List<uint> Dropped) Instantiate()
    {
        var dropped = new List<uint>();
        var host = ComponentLinker.Instance(new Dictionary<string, object?>
        {
            ["dropped"] = new HostFunc(new FuncType([new Field("value", ValType.Of(Format.PrimitiveType.U32))], null), args =>
            {
                dropped.Add((uint)((IntegerValue)args[0]).Bits);
                return null;
            }),
        });
        var linker = new ComponentLinker(Fixtures.Engine).DefineInstance("test:fixtures/host@1.0.0", host);
        var instance = linker.Instantiate(new Store(Fixtures.Engine), Fixtures.Load("counters"));
        return (instance.GetInstance(Counters)!, dropped);
    }

    [Fact]
    public void ConstructorMethodAndDestructorRun()
    {
        var (counters, dropped) = Instantiate();
        var counter = Assert.IsType<HandleValue>(counters.GetFunction("[constructor]counter")!.Call(U32(41)));
        Assert.True(counter.IsOwn);
        var increment = counters.GetFunction("[method]counter.increment")!;
        var borrowed = counter with { IsOwn = false };
        Assert.Equal(U32(42), increment.Call(borrowed));
        Assert.Equal(U32(43), increment.Call(borrowed));
        Assert.Empty(dropped);
        Assert.Equal(U32(44), increment.Call(borrowed));
        counter.Type.Drop(counter);
        Assert.Equal([44u], dropped);
    }

    [Fact]
    public void StaticFunctionReturnsAFreshResource()
    {
        var (counters, dropped) = Instantiate();
        var zero = Assert.IsType<HandleValue>(counters.GetFunction("[static]counter.zero")!.Call());
        Assert.Equal(U32(1), counters.GetFunction("[method]counter.increment")!.Call(zero with { IsOwn = false }));
        zero.Type.Drop(zero);
        Assert.Equal([1u], dropped);
    }
}
