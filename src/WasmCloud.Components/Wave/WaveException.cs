namespace WasmCloud.Components.Wave;

/// <summary>WAVE text that is malformed, or that does not fit the type it is read as; names the position.</summary>
public sealed class WaveException : ComponentException
{
    public WaveException(string message, int position) : base($"at character {position + 1}: {message}") => Position = position;

    public int Position { get; }
}
