using WasmCloud.Components.Format;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Wasm;

namespace WasmCloud.Components.Abi;

/// <summary>
/// The spec's <c>LiftLowerContext</c>: the canonical options of one side of a call (memory, string encoding,
/// realloc), the component instance on that side, and the call's borrow scope.
/// </summary>
internal sealed class CallContext(
    Memory? memory, StringEncoding encoding, Func? realloc, ComponentInstanceState instance,
    Func<ResourceIdentity, ResourceType?> resources, CallScope scope)
{
    public StringEncoding Encoding { get; } = encoding;
    public ComponentInstanceState Instance { get; } = instance;
    public CallScope Scope { get; } = scope;

    /// <summary>The runtime type of a resource, or null where this runtime cannot yet resolve it (then unchecked).</summary>
    public ResourceType? Resource(ResourceIdentity identity) => resources(identity);

    public Memory Memory => memory ?? throw new ComponentTrap("canonical option `memory` is required");

    public Span<byte> Bytes(long pointer, long length)
    {
        var m = Memory;
        if (pointer < 0 || pointer + length > m.LengthInBytes) throw new WasmTrap(TrapKind.MemoryOutOfBounds);
        return m.Span.Slice((int)pointer, (int)length);
    }

    public void CheckRange(long pointer, long length, int alignment, string what)
    {
        if (pointer % alignment != 0) throw new ComponentTrap("unaligned pointer");
        if (pointer + length > Memory.LengthInBytes) throw new ComponentTrap($"{what} out of bounds of memory");
    }

    /// <summary>Calls <c>realloc</c> (with leaving the instance forbidden) and checks the result.</summary>
    public uint Reallocate(uint old, uint oldLength, int alignment, uint newLength)
    {
        var function = realloc ?? throw new ComponentTrap("canonical option `realloc` is required");
        Instance.MayLeave = false;
        uint pointer;
        try
        {
            pointer = (uint)function.Call(Value.I32((int)old), Value.I32((int)oldLength), Value.I32(alignment), Value.I32((int)newLength))[0].AsI32();
        }
        finally
        {
            Instance.MayLeave = true;
        }
        if (pointer % alignment != 0) throw new ComponentTrap("realloc return: result not aligned");
        if ((long)pointer + newLength > Memory.LengthInBytes) throw new ComponentTrap("realloc return: beyond end of memory");
        return pointer;
    }

    public uint Allocate(int alignment, uint length) => Reallocate(0, 0, alignment, length);
}
