using WasmCloud.Wasm;
using WasmCloud.Wasm.Decoding;

namespace WasmCloud.Components.Translation;

/// <summary>
/// Tells apart a core module that is wrong from one that uses a core feature past WebAssembly 2.0, which the
/// engine implements and the component-model tests assume: multiple memories and exception-handling tags.
/// Asked only after the engine rejected a module, so valid modules pay nothing.
/// </summary>
internal static class CoreFeatureProbe
{
    private const byte TagSectionId = 13;

    /// <summary>The feature past WebAssembly 2.0 that <paramref name="binary"/> uses, or null.</summary>
    public static string? FeatureBeyondWasm2(ReadOnlyMemory<byte> binary)
    {
        if (binary.Length < 8) return null;
        try
        {
            var reader = new WasmReader(binary) { Position = 8 };
            while (!reader.AtEnd)
            {
                var id = reader.ReadByte();
                if (id == TagSectionId) return "exception-handling tags (a WebAssembly 3.0 core feature)";
                var size = reader.ReadIndex();
                reader.Position += size;
            }
            return ModuleDecoder.Decode(binary).Memories.Length > 1 ? "multiple memories (a WebAssembly 3.0 core feature)" : null;
        }
        catch (WasmException)
        {
            return null;
        }
    }
}
