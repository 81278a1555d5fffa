using WasmCloud.Components;
using WasmCloud.Wasi.Preview1;
using WasmCloud.Wasi.Preview2.Io;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview2;

/// <summary>
/// What one guest sees of WASI 0.2: its configuration, its standard streams and the host resources it holds.
/// One per <see cref="Store"/>, set as the store's <see cref="Store.Data"/>: the host functions, defined once
/// in a linker by <see cref="WasiPreview2"/>, find it there, so one prepared component serves many instances.
/// Disposing it drops what the guest still held (a request's streams and bodies).
/// </summary>
public sealed class WasiContext : IDisposable
{
    private readonly HashSet<int> _owned = [];
    private HostTable? _table;

    public WasiContext(WasiConfiguration configuration)
    {
        Configuration = configuration;
        StandardInput = new StreamInput(configuration.StandardInput);
        StandardOutput = new StreamOutput(configuration.StandardOutput);
        StandardError = new StreamOutput(configuration.StandardError);
    }

    public WasiConfiguration Configuration { get; }

    /// <summary>The hosts (<c>host</c> or <c>host:port</c>) wasi:http/outgoing-handler may reach; none unless the embedder allows them.</summary>
    public IReadOnlySet<string> AllowedHttpHosts { get; init; } = new HashSet<string>();

    /// <summary>
    /// Ends the guest's waits in wasi:io/poll with a trap: the store's call timeout stops guest code, this
    /// stops a guest waiting on the host (a served request past its deadline). A warm instance gets each
    /// invocation's own (see <see cref="InstancePool"/>).
    /// </summary>
    public CancellationToken Cancellation { get; set; }

    // One stream object per standard stream: each get-stdout hands out a new handle to the same stream, so
    // writes through any of them stay in order.
    internal StreamInput StandardInput { get; }
    internal StreamOutput StandardOutput { get; }
    internal StreamOutput StandardError { get; }

    /// <summary>The context of the store whose instance called a host function.</summary>
    public static WasiContext Of(Store? store) =>
        store?.Data as WasiContext ?? throw new ComponentTrap("a WASI function was called from a store without a WasiContext in its Data");

    /// <summary>Waits for any of <paramref name="tasks"/>, or traps once <see cref="Cancellation"/> fires.</summary>
    internal void WaitAny(Task[] tasks)
    {
        try
        {
            Task.WaitAny(tasks, Cancellation);
        }
        catch (OperationCanceledException)
        {
            throw new ComponentTrap("the guest's wait was cancelled (its deadline passed)");
        }
    }

    /// <summary>Writes out whatever the guest's stdout and stderr still have in flight.</summary>
    public void FlushStandardStreams()
    {
        StandardOutput.BlockingFlush();
        StandardError.BlockingFlush();
    }

    internal void Own(HostTable table, int rep)
    {
        lock (_owned)
        {
            _table = table;
            _owned.Add(rep);
        }
    }

    internal void Forget(int rep)
    {
        lock (_owned) _owned.Remove(rep);
    }

    public void Dispose()
    {
        int[] left;
        lock (_owned)
        {
            left = [.. _owned];
            _owned.Clear();
        }
        foreach (var rep in left) _table?.Remove(rep);
    }
}
