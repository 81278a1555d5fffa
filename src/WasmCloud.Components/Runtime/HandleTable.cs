namespace WasmCloud.Components.Runtime;

/// <summary>One entry of a handle table: an owned handle, or a borrow alive for one call.</summary>
internal sealed class ResourceHandle(ResourceType type, int rep, bool own, CallScope? borrowScope)
{
    public ResourceType Type { get; } = type;
    public int Rep { get; } = rep;
    public bool Own { get; } = own;
    public CallScope? BorrowScope { get; } = borrowScope;

    /// <summary>How many borrows of this owned handle are lent out to calls in progress.</summary>
    public int Lends { get; set; }
}

/// <summary>
/// A component instance's table of resource handles (the spec's <c>Table</c>): index 0 is never used, freed
/// slots are reused last-freed first, exactly as <c>definitions.py</c> does, so handle numbers match.
/// </summary>
internal sealed class HandleTable
{
    private const int MaxLength = (1 << 28) - 1;
    private readonly List<ResourceHandle?> _entries = [null];
    private readonly Stack<int> _free = new();

    public ResourceHandle Get(int index)
    {
        if ((uint)index >= (uint)_entries.Count || _entries[index] is not { } handle)
            throw new ComponentTrap($"unknown handle index {(uint)index}");
        return handle;
    }

    public int Add(ResourceHandle handle)
    {
        if (_free.TryPop(out var index))
        {
            _entries[index] = handle;
            return index;
        }
        if (_entries.Count > MaxLength) throw new ComponentTrap("handle table is full");
        _entries.Add(handle);
        return _entries.Count - 1;
    }

    public ResourceHandle Remove(int index)
    {
        var handle = Get(index);
        _entries[index] = null;
        _free.Push(index);
        return handle;
    }
}

/// <summary>
/// The borrows of one call: handles lent by the caller (returned when the call ends) and borrow handles
/// created in the callee (all of which must be dropped before it returns).
/// </summary>
internal sealed class CallScope
{
    private List<ResourceHandle>? _lenders;

    public int Borrows { get; set; }

    public void Lend(ResourceHandle handle)
    {
        handle.Lends++;
        (_lenders ??= []).Add(handle);
    }

    public void EndLends()
    {
        if (_lenders is null) return;
        foreach (var handle in _lenders) handle.Lends--;
        _lenders = null;
    }
}

/// <summary>What a component instance owns at runtime: its handle table and whether it may call out.</summary>
internal sealed class ComponentInstanceState
{
    public HandleTable Handles { get; } = new();

    /// <summary>False while a post-return function runs: calling imports or resource built-ins then traps.</summary>
    public bool MayLeave { get; set; } = true;

    /// <summary>False while one of the instance's exports runs, so re-entering it traps.</summary>
    public bool MayEnter { get; set; } = true;

    public void CheckMayLeave()
    {
        if (!MayLeave) throw new ComponentTrap("cannot leave component instance");
    }
}
