using System.Runtime.InteropServices;
using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>
/// A linear memory: unmanaged bytes, so compiled code addresses it with a base pointer and an explicit
/// bounds check against <see cref="LengthInBytes"/>. Growth may move the base; compiled code reloads it
/// after every call and <c>memory.grow</c>.
/// </summary>
public sealed unsafe class Memory : Extern, IDisposable
{
    // Read directly by compiled code.
    internal byte* Base;
    internal long Length;

    private readonly uint _pageLimit;

    public Memory(MemoryType type, uint storePageLimit = MemoryType.MaxPages)
    {
        Type = type;
        _pageLimit = (uint)Math.Min(Math.Min(type.Limits.Max ?? MemoryType.MaxPages, MemoryType.MaxPages), storePageLimit);
        if (type.Limits.Min > _pageLimit)
            throw new WasmException($"memory of {type.Limits.Min} pages exceeds the limit of {_pageLimit} pages");
        Length = (long)type.Limits.Min * MemoryType.PageSize;
        Base = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(Length, 1));
        // The GC does not see native allocations; telling it keeps undisposed memories from piling up.
        if (Length > 0) GC.AddMemoryPressure(Length);
    }

    public override ExternKind Kind => ExternKind.Memory;
    public MemoryType Type { get; }
    public uint Pages => (uint)(Length / MemoryType.PageSize);
    public long LengthInBytes => Length;

    /// <summary>The current contents. Invalidated by <see cref="Grow"/>.</summary>
    public Span<byte> Span => new(Base, checked((int)Math.Min(Length, int.MaxValue)));

    /// <summary>The limits a module importing this memory sees: current size and declared maximum.</summary>
    public Limits CurrentLimits => new(Pages, Type.Limits.Max);

    /// <summary>Grows by <paramref name="deltaPages"/>; returns the old size in pages, or -1 when not allowed.</summary>
    public int Grow(uint deltaPages)
    {
        var oldPages = Pages;
        var newPages = (ulong)oldPages + deltaPages;
        if (newPages > _pageLimit) return -1;
        if (deltaPages == 0) return (int)oldPages;
        var newLength = (long)newPages * MemoryType.PageSize;
        var grown = (byte*)NativeMemory.Realloc(Base, (nuint)newLength);
        if (grown is null) return -1;
        new Span<byte>(grown + Length, checked((int)(newLength - Length))).Clear();
        GC.AddMemoryPressure(newLength - Length);
        Base = grown;
        Length = newLength;
        return (int)oldPages;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~Memory() => Free();

    private void Free()
    {
        if (Base is null) return;
        NativeMemory.Free(Base);
        if (Length > 0) GC.RemoveMemoryPressure(Length);
        Base = null;
        Length = 0;
    }
}
