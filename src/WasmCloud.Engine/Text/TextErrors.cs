namespace WasmCloud.Wasm.Text;

/// <summary>Builds the engine's malformed-module error for a place in module text.</summary>
internal static class TextErrors
{
    /// <summary>The exception's offset is the character offset in the text; the message leads with line:column.</summary>
    public static MalformedModuleException At(Token token, string message) =>
        new($"{token.Position}: {message}", token.Offset);

    public static MalformedModuleException At(int offset, int line, int column, string message) =>
        new($"{line}:{column}: {message}", offset);
}
