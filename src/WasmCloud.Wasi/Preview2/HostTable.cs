namespace WasmCloud.Wasi.Preview2;

/// <summary>
/// The host objects behind the resource handles one WASI context gave out, by representation. The component
/// runtime checks a handle's type before passing its representation here, so one table serves every resource.
/// </summary>
internal sealed class HostTable
{
    private readonly Dictionary<int, object> _objects = [];
    private int _next = 1;

    public int Add(object value)
    {
        var rep = _next++;
        _objects.Add(rep, value);
        return rep;
    }

    public object Get(int rep) =>
        _objects.TryGetValue(rep, out var value) ? value : throw new Components.ComponentTrap($"unknown WASI resource {rep}");

    /// <summary>The resource's destructor: the last owning handle was dropped.</summary>
    public void Remove(int rep)
    {
        if (_objects.Remove(rep, out var value) && value is IDisposable disposable) disposable.Dispose();
    }
}
