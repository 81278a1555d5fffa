using System.Collections.Concurrent;

namespace WasmCloud.Wasi.Preview2;

/// <summary>
/// The host objects behind the resource handles every context of one <see cref="WasiPreview2"/> gave out, by
/// representation. A resource's destructor receives only the representation, so the table is shared by the
/// contexts (representations are never reused), and each entry remembers its context, which drops what is
/// left when it is disposed. The component runtime checks a handle's type before passing its representation
/// here, and a guest only ever holds handles it was given, so one table serves every resource and every guest.
/// </summary>
internal sealed class HostTable
{
    private readonly ConcurrentDictionary<int, (object Value, WasiContext Owner)> _objects = [];
    private int _next;

    public int Add(WasiContext owner, object value)
    {
        var rep = Interlocked.Increment(ref _next);
        _objects[rep] = (value, owner);
        owner.Own(this, rep);
        return rep;
    }

    public object Get(int rep) =>
        _objects.TryGetValue(rep, out var entry) ? entry.Value : throw new Components.ComponentTrap($"unknown WASI resource {rep}");

    /// <summary>Takes the object out without disposing it: an owned handle passed to the host, which now holds it.</summary>
    public object Take(int rep)
    {
        if (!_objects.TryRemove(rep, out var entry)) throw new Components.ComponentTrap($"unknown WASI resource {rep}");
        entry.Owner.Forget(rep);
        return entry.Value;
    }

    /// <summary>The resource's destructor: the last owning handle was dropped.</summary>
    public void Remove(int rep)
    {
        if (!_objects.TryRemove(rep, out var entry)) return;
        entry.Owner.Forget(rep);
        if (entry.Value is IDisposable disposable) disposable.Dispose();
    }
}
