using WasmCloud.Wasm.Compilation;
using WasmCloud.Wasm.Decoding;
using WasmCloud.Wasm.Format;
using WasmCloud.Wasm.Text;
using WasmCloud.Wasm.Validation;

namespace WasmCloud.Wasm;

/// <summary>A decoded, validated and compiled module: immutable, thread-safe, instantiable any number of times.</summary>
public sealed class Module
{
    private Module(Engine engine, ModuleDefinition definition, CompiledCode code)
    {
        Engine = engine;
        Definition = definition;
        Code = code;
    }

    public Engine Engine { get; }
    public ModuleDefinition Definition { get; }
    internal CompiledCode Code { get; }

    public IReadOnlyList<Import> Imports => Definition.Imports;
    public IReadOnlyList<Export> Exports => Definition.Exports;
    public string? Name => Definition.Names.ModuleName;

    /// <summary>
    /// Decodes, validates and compiles a module. Errors are <see cref="MalformedModuleException"/> or
    /// <see cref="InvalidModuleException"/>, never anything else.
    /// </summary>
    public static Module FromBytes(Engine engine, ReadOnlyMemory<byte> binary)
    {
        var definition = ModuleDecoder.Decode(binary);
        var facts = ModuleValidator.Validate(definition);
        var typeIds = definition.Types.Select(engine.TypeId).ToArray();
        return new Module(engine, definition, ModuleCompiler.Compile(definition, facts, typeIds));
    }

    /// <summary>Parses a module in the text format (see <see cref="WatParser"/>), then as <see cref="FromBytes"/>.</summary>
    public static Module FromText(Engine engine, string text) => FromBytes(engine, WatParser.ParseModule(text));

    /// <summary>A binary module, or a text module when the file name ends in <c>.wat</c>.</summary>
    public static Module FromFile(Engine engine, string path)
    {
        var bytes = File.ReadAllBytes(path);
        var isText = Path.GetExtension(path).Equals(".wat", StringComparison.OrdinalIgnoreCase);
        return FromBytes(engine, isText ? WatParser.ParseModule(bytes) : bytes);
    }

    /// <summary>Decodes and validates without compiling.</summary>
    public static void Validate(ReadOnlyMemory<byte> binary) => ModuleValidator.Validate(ModuleDecoder.Decode(binary));
}
