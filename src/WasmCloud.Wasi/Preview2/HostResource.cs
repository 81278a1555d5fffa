using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;

namespace WasmCloud.Wasi.Preview2;

/// <summary>
/// A resource the host implements: its identity for function types, its runtime type (whose destructor frees
/// the host object), and the conversions between handles and host objects.
/// </summary>
public sealed class HostResource
{
    private readonly HostTable _table;

    internal HostResource(string name, HostTable table)
    {
        _table = table;
        Identity = new ResourceIdentity(name);
        Type = ResourceType.Host(name, table.Remove);
    }

    public ResourceIdentity Identity { get; }
    public ResourceType Type { get; }
    public ValType Own => new HandleType(IsOwn: true, Identity);
    public ValType Borrow => new HandleType(IsOwn: false, Identity);

    /// <summary>A new owned handle to <paramref name="value"/>, for returning to the guest of <paramref name="context"/>.</summary>
    public ComponentValue New(WasiContext context, object value) => new HandleValue(Type, _table.Add(context, value), IsOwn: true);

    /// <summary>The host object behind a handle the guest passed.</summary>
    public T Get<T>(ComponentValue handle) => (T)_table.Get(((HandleValue)handle).Rep);

    /// <summary>The host object behind an owned handle the guest gave away (to a constructor or a static function).</summary>
    public T Take<T>(ComponentValue handle) => (T)_table.Take(((HandleValue)handle).Rep);
}
