using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace WasmCloud.Wasm.Compilation;

/// <summary>
/// Out-of-line operations compiled code calls: traps, and instructions whose work is too large or too
/// rare to emit inline (bulk memory, tables, indirect-call resolution).
/// </summary>
internal static class GuestSupport
{
    [DoesNotReturn]
    public static void ThrowMemoryOutOfBounds() => throw new WasmTrap(TrapKind.MemoryOutOfBounds);

    // The bounds check of each access width: the address plus the width must not pass the memory's end.
    // Written as address > length - width (signed: the address is below 2^33, and a memory shorter than the
    // width makes the limit negative) so that the JIT hoists the limit out of loops that make no calls.
    // The trap is a void call the JIT recognises as never returning, so the failure path keeps nothing alive.
    // (The JIT learns that by trying to inline a throw helper, so throw helpers must not be NoInlining.)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe byte* Address(ulong address, byte* memoryBase, long length, long width)
    {
        if ((long)address > length - width) ThrowMemoryOutOfBounds();
        return memoryBase + address;
    }

    [DoesNotReturn]
    public static void ThrowAtEntry(VmContext context) =>
        throw new WasmTrap(Volatile.Read(ref context.Interrupted) != 0 ? TrapKind.Interrupted : TrapKind.CallStackExhausted);

    [DoesNotReturn]
    public static void ThrowOutOfFuel() => throw new WasmTrap(TrapKind.OutOfFuel);

    [DoesNotReturn]
    public static void ThrowInterrupted() => throw new WasmTrap(TrapKind.Interrupted);

    public static Exception Trap(int kind) => new WasmTrap((TrapKind)kind);

    /// <summary>Kept out of line so that the JIT cannot fold (and thereby quiet) a signalling NaN constant.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32FromBits(int bits) => BitConverter.Int32BitsToSingle(bits);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double F64FromBits(long bits) => BitConverter.Int64BitsToDouble(bits);

    public static int MemoryGrow(int deltaPages, Memory memory) => memory.Grow((uint)deltaPages);

    public static unsafe void MemoryFill(int destination, int value, int count, Memory memory)
    {
        if ((ulong)(uint)destination + (uint)count > (ulong)memory.Length) throw new WasmTrap(TrapKind.MemoryOutOfBounds);
        new Span<byte>(memory.Base + (uint)destination, count).Fill((byte)value);
    }

    public static unsafe void MemoryCopy(int destination, int source, int count, Memory memory)
    {
        if ((ulong)(uint)destination + (uint)count > (ulong)memory.Length || (ulong)(uint)source + (uint)count > (ulong)memory.Length)
            throw new WasmTrap(TrapKind.MemoryOutOfBounds);
        Buffer.MemoryCopy(memory.Base + (uint)source, memory.Base + (uint)destination, memory.Length - (uint)destination, (uint)count);
    }

    public static unsafe void MemoryInit(int destination, int source, int count, int segment, VmContext context)
    {
        var memory = context.Memory0!;
        var data = context.DataSegments[segment].Span;
        if ((ulong)(uint)destination + (uint)count > (ulong)memory.Length || (ulong)(uint)source + (uint)count > (ulong)data.Length)
            throw new WasmTrap(TrapKind.MemoryOutOfBounds);
        data.Slice(source, count).CopyTo(new Span<byte>(memory.Base + (uint)destination, count));
    }

    public static void DataDrop(int segment, VmContext context)
    {
        if (!context.OwnsDataSegments)
        {
            context.DataSegments = (ReadOnlyMemory<byte>[])context.DataSegments.Clone();
            context.OwnsDataSegments = true;
        }
        context.DataSegments[segment] = ReadOnlyMemory<byte>.Empty;
    }

    public static Func RefFunc(int index, VmContext context) => context.Function(index);

    public static object? TableGet(int index, Table table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) throw new WasmTrap(TrapKind.TableOutOfBounds);
        return elements[index];
    }

    public static void TableSet(int index, object? value, Table table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length) throw new WasmTrap(TrapKind.TableOutOfBounds);
        elements[index] = value;
    }

    public static int TableSize(Table table) => table.Slots.Length;

    public static int TableGrow(object? initial, int delta, Table table) => table.Grow((uint)delta, initial);

    public static void TableFill(int destination, object? value, int count, Table table)
    {
        var elements = table.Elements;
        if ((ulong)(uint)destination + (uint)count > (ulong)elements.Length) throw new WasmTrap(TrapKind.TableOutOfBounds);
        elements.AsSpan(destination, count).Fill(value);
    }

    public static void TableCopy(int destination, int source, int count, Table destinationTable, Table sourceTable)
    {
        if ((ulong)(uint)destination + (uint)count > (ulong)destinationTable.Elements.Length
            || (ulong)(uint)source + (uint)count > (ulong)sourceTable.Elements.Length)
            throw new WasmTrap(TrapKind.TableOutOfBounds);
        Array.Copy(sourceTable.Elements, source, destinationTable.Elements, destination, count);
    }

    public static void TableInit(int destination, int source, int count, int segment, Table table, VmContext context)
    {
        var items = context.ElementSegments[segment];
        if ((ulong)(uint)destination + (uint)count > (ulong)table.Elements.Length || (ulong)(uint)source + (uint)count > (ulong)items.Length)
            throw new WasmTrap(TrapKind.TableOutOfBounds);
        Array.Copy(items, source, table.Elements, destination, count);
    }

    public static void ElemDrop(int segment, VmContext context) => context.ElementSegments[segment] = [];

    /// <summary>The checks of <c>call_indirect</c>: index in bounds, slot not null, signature matching.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Func ResolveIndirect(Table table, int index, int typeId)
    {
        var elements = table.Slots;
        if ((uint)index >= (uint)elements.Length) ThrowUndefinedElement();
        var function = Unsafe.As<Func?>(elements[index]);
        if (function is null || function.TypeId != typeId) function = ResolveUncommon(table, index, typeId);
        return function;
    }

    /// <summary>A slot of a lazily filled table used for the first time, or a failing call.</summary>
    private static Func ResolveUncommon(Table table, int index, int typeId)
    {
        var function = Unsafe.As<Func?>(table.Slots[index]) ?? table.FillPending(index);
        if (function is null || function.TypeId != typeId) ThrowBadIndirectCall(function);
        return function;
    }

    [DoesNotReturn]
    private static void ThrowUndefinedElement() => throw new WasmTrap(TrapKind.UninitializedElement);

    [DoesNotReturn]
    private static void ThrowBadIndirectCall(Func? function) =>
        throw new WasmTrap(function is null ? TrapKind.IndirectCallToNull : TrapKind.IndirectCallTypeMismatch);

}
