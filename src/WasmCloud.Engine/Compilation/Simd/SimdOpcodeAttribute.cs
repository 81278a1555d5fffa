namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Marks a helper as the implementation of a SIMD sub-opcode. A generic helper names the lane type
/// it is instantiated with; compiled code calls the helper after pushing the operands and immediates.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class SimdOpcodeAttribute(int subOpcode, Type? laneType = null) : Attribute
{
    public int SubOpcode { get; } = subOpcode;
    public Type? LaneType { get; } = laneType;
}
