using System.Diagnostics;

namespace WasmCloud.Wasm;

public enum TrapKind
{
    Unreachable,
    MemoryOutOfBounds,
    TableOutOfBounds,
    IndirectCallToNull,
    IndirectCallTypeMismatch,
    IntegerOverflow,
    IntegerDivideByZero,
    InvalidConversionToInteger,
    CallStackExhausted,
    Interrupted,
    OutOfFuel,
    UninitializedElement,
    HostError,
}

/// <summary>One guest frame of a trap's backtrace.</summary>
public sealed record WasmFrame(string? ModuleName, int FunctionIndex, string FunctionName)
{
    public override string ToString() => ModuleName is null ? FunctionName : $"{ModuleName}!{FunctionName}";
}

/// <summary>A WebAssembly trap: the guest stopped abnormally. Carries the kind and the guest backtrace.</summary>
public sealed class WasmTrap : WasmException
{
    private StackTrace? _capturedTrace;
    private IReadOnlyList<WasmFrame>? _backtrace;

    public WasmTrap(TrapKind kind, Exception? inner = null) : base(MessageOf(kind), inner)
    {
        Kind = kind;
    }

    public TrapKind Kind { get; }

    /// <summary>The guest functions on the stack when the trap happened, innermost first.</summary>
    public IReadOnlyList<WasmFrame> Backtrace => _backtrace ??= Symbolize();

    public override string ToString()
    {
        var frames = Backtrace;
        return frames.Count == 0
            ? $"wasm trap: {Message}"
            : $"wasm trap: {Message}\nwasm backtrace:\n{string.Join('\n', frames.Select((f, i) => $"  {i}: {f}"))}";
    }

    /// <summary>Records the .NET stack of the exception that carried the trap up to the embedder.</summary>
    internal void CaptureTrace(Exception thrown) => _capturedTrace ??= new StackTrace(thrown, false);

    private IReadOnlyList<WasmFrame> Symbolize() =>
        _capturedTrace is null ? [] : Compilation.CompiledCodeRegistry.GuestFrames(_capturedTrace);

    public static string MessageOf(TrapKind kind) => kind switch
    {
        TrapKind.Unreachable => "unreachable",
        TrapKind.MemoryOutOfBounds => "out of bounds memory access",
        TrapKind.TableOutOfBounds => "out of bounds table access",
        TrapKind.IndirectCallToNull => "uninitialized element",
        TrapKind.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapKind.IntegerOverflow => "integer overflow",
        TrapKind.IntegerDivideByZero => "integer divide by zero",
        TrapKind.InvalidConversionToInteger => "invalid conversion to integer",
        TrapKind.CallStackExhausted => "call stack exhausted",
        TrapKind.Interrupted => "interrupted: deadline exceeded or execution cancelled",
        TrapKind.OutOfFuel => "all fuel consumed",
        TrapKind.UninitializedElement => "uninitialized element",
        _ => "host function failed",
    };
}
