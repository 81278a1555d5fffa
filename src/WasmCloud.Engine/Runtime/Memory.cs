using System.Runtime.InteropServices;
using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>
/// A linear memory: unmanaged bytes, so compiled code addresses it with a base pointer and an explicit
/// bounds check against <see cref="LengthInBytes"/>. Growth may move the base; compiled code reloads it
/// after every call and <c>memory.grow</c>. The block may be larger than the memory (a pooled block keeps
/// the capacity it grew to); bytes past the length are always zero.
/// </summary>
public sealed unsafe class Memory : Extern, IDisposable
{
    // Read directly by compiled code.
    internal byte* Base;
    internal long Length;

    private readonly uint _pageLimit;
    private readonly MemoryPool? _pool;
    private readonly long _initialLength;
    private long _capacity;

    /// <summary>The module's image this memory starts from, when it comes from the pool: it goes back restored to it.</summary>
    private readonly MemoryImage? _image;

    public Memory(MemoryType type, uint storePageLimit = MemoryType.MaxPages) : this(type, storePageLimit, null) { }

    /// <param name="image">The module's initial contents: a pooled block may already hold them (see <see cref="ImageApplied"/>).</param>
    internal Memory(MemoryType type, uint storePageLimit, MemoryPool? pool, MemoryImage? image = null)
    {
        Type = type;
        _pageLimit = (uint)Math.Min(Math.Min(type.Limits.Max ?? MemoryType.MaxPages, MemoryType.MaxPages), storePageLimit);
        if (type.Limits.Min > _pageLimit)
            throw new WasmException($"memory of {type.Limits.Min} pages exceeds the limit of {_pageLimit} pages");
        _pool = pool;
        _initialLength = Length = (long)type.Limits.Min * MemoryType.PageSize;
        _image = pool is null ? null : image;
        if (pool is not null && pool.TryRent(new MemoryPool.Key(Length, _image), out Base, out _capacity))
        {
            ImageApplied = _image is not null;
            return;
        }
        _capacity = Math.Max(Length, 1);
        Base = (byte*)NativeMemory.AllocZeroed((nuint)_capacity);
        // The GC does not see native allocations; telling it keeps undisposed memories from piling up.
        GC.AddMemoryPressure(_capacity);
    }

    /// <summary>Whether the image given at construction is already in place (a pooled block restored to it).</summary>
    internal bool ImageApplied { get; }

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
        if (newLength > _capacity)
        {
            var grown = (byte*)NativeMemory.Realloc(Base, (nuint)newLength);
            if (grown is null) return -1;
            NativeMemory.Clear(grown + _capacity, (nuint)(newLength - _capacity));
            GC.AddMemoryPressure(newLength - _capacity);
            Base = grown;
            _capacity = newLength;
        }
        Length = newLength;
        return (int)oldPages;
    }

    /// <summary>Releases the memory now: its block goes back to the engine's pool, or is freed.</summary>
    public void Dispose()
    {
        if (Base is not null && _pool is not null && _pool.TryReturn(new MemoryPool.Key(_initialLength, _image), Base, _capacity, Length))
        {
            Base = null;
            Length = 0;
        }
        else Free();
        GC.SuppressFinalize(this);
    }

    ~Memory() => Free();

    private void Free()
    {
        if (Base is null) return;
        NativeMemory.Free(Base);
        GC.RemoveMemoryPressure(_capacity);
        Base = null;
        Length = 0;
    }
}
