namespace WasmCloud.Wasm;

/// <summary>The one base type of every error the engine reports about a module or its execution.</summary>
public class WasmException : Exception
{
    public WasmException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The binary is not a well-formed WebAssembly module.</summary>
public sealed class MalformedModuleException : WasmException
{
    public MalformedModuleException(string message, long offset)
        : base($"malformed module at byte offset {offset}: {message}")
    {
        Offset = offset;
        Reason = message;
    }

    public long Offset { get; }
    public string Reason { get; }
}

/// <summary>The module is well formed but fails validation.</summary>
public sealed class InvalidModuleException : WasmException
{
    public InvalidModuleException(string message, long offset, int? functionIndex = null)
        : base(functionIndex is null
            ? $"invalid module at byte offset {offset}: {message}"
            : $"invalid module in function {functionIndex} at byte offset {offset}: {message}")
    {
        Offset = offset;
        FunctionIndex = functionIndex;
        Reason = message;
    }

    public long Offset { get; }
    public int? FunctionIndex { get; }
    public string Reason { get; }
}

/// <summary>Imports cannot be satisfied: missing, or of the wrong kind or type.</summary>
public sealed class LinkException : WasmException
{
    public LinkException(string message) : base(message) { }
}
