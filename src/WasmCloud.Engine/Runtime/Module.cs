using WasmCloud.Wasm.Compilation;
using WasmCloud.Wasm.Decoding;
using WasmCloud.Wasm.Format;
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

    public static Module FromFile(Engine engine, string path) => FromBytes(engine, File.ReadAllBytes(path));

    /// <summary>Decodes and validates without compiling.</summary>
    public static void Validate(ReadOnlyMemory<byte> binary) => ModuleValidator.Validate(ModuleDecoder.Decode(binary));
}
