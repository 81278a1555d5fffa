using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace WasmCloud.Wasm;

/// <summary>
/// Native blocks of disposed linear memories, kept for the next instance whose memory starts at the same
/// size. A block is zeroed when it comes back (off the instantiation path) and keeps the capacity its memory
/// grew to, so a reused memory grows without reallocating. Blocks too large or beyond the per-size bound
/// are freed instead.
/// </summary>
internal sealed unsafe class MemoryPool
{
    private const int BlocksPerSize = 8;
    private const long LargestBlock = 256L << 20;

    private readonly ConcurrentDictionary<long, ConcurrentBag<(nint Base, long Capacity)>> _free = new();

    public bool TryRent(long initialLength, out byte* memoryBase, out long capacity)
    {
        if (_free.TryGetValue(initialLength, out var blocks) && blocks.TryTake(out var block))
        {
            memoryBase = (byte*)block.Base;
            capacity = block.Capacity;
            return true;
        }
        memoryBase = null;
        capacity = 0;
        return false;
    }

    /// <summary>Takes a block back, zeroing the part its memory may have written; false when it is not kept.</summary>
    public bool TryReturn(long initialLength, byte* memoryBase, long capacity, long writtenLength)
    {
        if (capacity > LargestBlock) return false;
        var blocks = _free.GetOrAdd(initialLength, _ => []);
        if (blocks.Count >= BlocksPerSize) return false;
        NativeMemory.Clear(memoryBase, (nuint)writtenLength);
        blocks.Add(((nint)memoryBase, capacity));
        return true;
    }
}
