using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>A table of references: <see cref="Func"/> (or null) for funcref tables, any object for externref.</summary>
public sealed class Table : Extern
{
    // Read directly by compiled code; its length is the table size.
    internal object?[] Elements;
    private readonly uint _maximum;

    public Table(TableType type, object? initial = null, uint storeElementLimit = uint.MaxValue)
    {
        Type = type;
        _maximum = (uint)Math.Min(Math.Min(type.Limits.Max ?? uint.MaxValue, (ulong)storeElementLimit), (ulong)Array.MaxLength);
        if (type.Limits.Min > _maximum) throw new WasmException($"table of {type.Limits.Min} elements exceeds the limit of {_maximum}");
        Elements = new object?[type.Limits.Min];
        if (initial is not null) Array.Fill(Elements, initial);
    }

    public override ExternKind Kind => ExternKind.Table;
    public TableType Type { get; }
    public ValueType ElementType => Type.ElementType;
    public uint Size => (uint)Elements.Length;
    public Limits CurrentLimits => new(Size, Type.Limits.Max);

    public object? this[uint index]
    {
        get => index < Size ? Elements[index] : throw new WasmTrap(TrapKind.TableOutOfBounds);
        set
        {
            if (index >= Size) throw new WasmTrap(TrapKind.TableOutOfBounds);
            Elements[index] = value;
        }
    }

    /// <summary>Grows by <paramref name="delta"/> slots filled with <paramref name="initial"/>; returns the old size or -1.</summary>
    public int Grow(uint delta, object? initial)
    {
        var oldSize = Size;
        var newSize = (ulong)oldSize + delta;
        if (newSize > _maximum) return -1;
        if (delta == 0) return (int)oldSize;
        var grown = new object?[newSize];
        Array.Copy(Elements, grown, oldSize);
        if (initial is not null) Array.Fill(grown, initial, (int)oldSize, (int)delta);
        Elements = grown;
        return (int)oldSize;
    }
}
