using WasmCloud.Wasm.Text;

namespace WasmCloud.Wasm.Tests.Text;

/// <summary>Instantiates modules written in the text format, through the engine's own parser.</summary>
internal static class TextModules
{
    public static Instance Instantiate(string text)
    {
        var engine = new Engine();
        return new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, text));
    }

    /// <summary>Calls the export <c>f</c> of a module and returns its single result.</summary>
    public static Value CallF(string text, params Value[] arguments) => Instantiate(text).GetFunction("f")!.Call(arguments)[0];

    public static MalformedModuleException Malformed(string text) =>
        Assert.Throws<MalformedModuleException>(() => WatParser.ParseModule(text));
}
