using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace WasmCloud.Wasm;

/// <summary>
/// Native blocks of disposed linear memories, kept for the next instance whose memory starts at the same
/// size with the same image. A block is reset when it comes back (off the instantiation path): zeroed where
/// its memory may have written, or restored to its module's image (see <see cref="MemoryImage.Restore"/>), so
/// the next instance of that module finds its initial contents in place. A block keeps the capacity its
/// memory grew to, so a reused memory grows without reallocating. Blocks too large or beyond the per-key
/// bound are freed instead.
/// </summary>
internal sealed unsafe class MemoryPool
{
    private const int BlocksPerKey = 8;
    private const long LargestBlock = 256L << 20;

    /// <summary>Blocks are kept per initial size and per image they hold (none: all zeros).</summary>
    public readonly record struct Key(long InitialLength, MemoryImage? Image);

    private readonly ConcurrentDictionary<Key, ConcurrentBag<(nint Base, long Capacity)>> _free = new();

    public bool TryRent(Key key, out byte* memoryBase, out long capacity)
    {
        if (_free.TryGetValue(key, out var blocks) && blocks.TryTake(out var block))
        {
            memoryBase = (byte*)block.Base;
            capacity = block.Capacity;
            return true;
        }
        memoryBase = null;
        capacity = 0;
        return false;
    }

    /// <summary>Takes a block back, resetting the part its memory may have written; false when it is not kept.</summary>
    public bool TryReturn(Key key, byte* memoryBase, long capacity, long writtenLength)
    {
        if (capacity > LargestBlock) return false;
        var blocks = _free.GetOrAdd(key, _ => []);
        if (blocks.Count >= BlocksPerKey) return false;
        if (key.Image is { } image) image.Restore(memoryBase, writtenLength);
        else NativeMemory.Clear(memoryBase, (nuint)writtenLength);
        blocks.Add(((nint)memoryBase, capacity));
        return true;
    }
}
