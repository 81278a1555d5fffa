namespace WasmCloud.Wasm.Validation;

/// <summary>
/// A point in a function body (absolute byte offset) where the innermost control frame, at nesting
/// <paramref name="Depth"/> and starting at <paramref name="FrameStart"/>, is reachable and holds no operands.
/// </summary>
public readonly record struct StatementBoundary(int Offset, int Depth, int FrameStart);
