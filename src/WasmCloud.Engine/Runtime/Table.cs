using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm;

/// <summary>A table of references: <see cref="Func"/> (or null) for funcref tables, any object for externref.</summary>
public sealed class Table : Extern
{
    /// <summary>The slots as they are, pending ones still empty; only call_indirect reads them (see <see cref="Pending"/>).</summary>
    internal object?[] Slots;
    private readonly uint _maximum;

    /// <summary>
    /// The slots not yet filled from the module's element segments (<see cref="InstantiationPlan.LazyTableSlots"/>):
    /// call_indirect fills one when it finds it empty; any other use of the table fills them all first.
    /// </summary>
    internal PendingFunctions? Pending;

    /// <summary>The slots, every pending one filled: its length is the table size.</summary>
    internal object?[] Elements
    {
        get
        {
            if (Pending is { } pending)
            {
                Pending = null;
                pending.FillAll(Slots);
            }
            return Slots;
        }
    }

    internal Func? FillPending(int index) => Pending is { } pending ? (Func?)(Slots[index] = pending.Fill(index)) : null;

    public Table(TableType type, object? initial = null, uint storeElementLimit = uint.MaxValue)
    {
        Type = type;
        _maximum = (uint)Math.Min(Math.Min(type.Limits.Max ?? uint.MaxValue, (ulong)storeElementLimit), (ulong)Array.MaxLength);
        if (type.Limits.Min > _maximum) throw new WasmException($"table of {type.Limits.Min} elements exceeds the limit of {_maximum}");
        Slots = new object?[type.Limits.Min];
        if (initial is not null) Array.Fill(Slots, initial);
    }

    public override ExternKind Kind => ExternKind.Table;
    public TableType Type { get; }
    public ValueType ElementType => Type.ElementType;
    public uint Size => (uint)Slots.Length;
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
        Slots = grown;
        return (int)oldSize;
    }
}

/// <summary>What a lazily filled table's slots hold before first use: function indices of one instance.</summary>
internal sealed class PendingFunctions(int[] functionIndices, VmContext context)
{
    public Func? Fill(int slot) => functionIndices[slot] < 0 ? null : context.Function(functionIndices[slot]);

    public void FillAll(object?[] slots)
    {
        for (var i = 0; i < functionIndices.Length; i++)
            if (functionIndices[i] >= 0) slots[i] = context.Function(functionIndices[i]);
    }
}
