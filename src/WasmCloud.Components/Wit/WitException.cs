namespace WasmCloud.Components.Wit;

/// <summary>A WIT text that does not parse; the message starts with <c>line:column</c> (1-based).</summary>
public sealed class WitException(string message, int line, int column)
    : Exception($"{line}:{column}: {message}")
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}
