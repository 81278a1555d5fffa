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
        TypeIds = definition.Types.Select(engine.TypeId).ToArray();
        Plan = new InstantiationPlan(definition);
    }

    public Engine Engine { get; }
    public ModuleDefinition Definition { get; }
    internal CompiledCode Code { get; }

    /// <summary>The engine's identity of each of the module's types.</summary>
    internal int[] TypeIds { get; }

    internal InstantiationPlan Plan { get; }

    public IReadOnlyList<Import> Imports => Definition.Imports;
    public IReadOnlyList<Export> Exports => Definition.Exports;
    public string? Name => Definition.Names.ModuleName;

    /// <summary>
    /// Decodes, validates and compiles a module. Errors are <see cref="MalformedModuleException"/> or
    /// <see cref="InvalidModuleException"/>, never anything else. With <see cref="EngineConfig.CacheDirectory"/>
    /// set, a module compiled before by the same engine build is loaded from the cache instead.
    /// </summary>
    public static Module FromBytes(Engine engine, ReadOnlyMemory<byte> binary)
    {
        var definition = ModuleDecoder.Decode(binary);
        if (engine.Config.CacheDirectory is not { } directory)
            return new Module(engine, definition, ModuleCompiler.Compile(definition, ModuleValidator.Validate(definition), CompilerSettings.From(engine.Config)));

        // A cache hit was validated when it was stored: the key covers the exact bytes and engine build.
        // The cache only ever saves time: an entry that cannot be read or loaded is compiled again.
        var settings = CompilerSettings.From(engine.Config);
        var cache = new CompileCache(directory);
        var key = CompileCache.KeyOf(binary.Span, settings);
        if (cache.TryRead(key) is { } cached && TryLoad(cached, definition) is { } loaded) return new Module(engine, definition, loaded);
        var image = ModuleCompiler.CompileToImage(definition, ModuleValidator.Validate(definition), settings);
        cache.TryWrite(key, image);
        return new Module(engine, definition, ModuleCompiler.Load(image, definition));
    }

    private static CompiledCode? TryLoad(byte[] image, ModuleDefinition definition)
    {
        try
        {
            return ModuleCompiler.Load(image, definition);
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or WasmException or TypeLoadException or MissingMethodException)
        {
            return null;
        }
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
