namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>The host object behind a wasi:io/streams output-stream.</summary>
internal abstract class OutputStream
{
    /// <summary>How many bytes <see cref="Write"/> accepts now: 0 while earlier writes are still in flight (back-pressure).</summary>
    public abstract long CheckWrite();

    /// <summary>Accepts at most what <see cref="CheckWrite"/> allowed.</summary>
    public abstract void Write(byte[] bytes);

    /// <summary>Starts flushing what was written; <see cref="Ready"/> completes when it is done.</summary>
    public abstract void Flush();

    /// <summary>Completes when <see cref="CheckWrite"/> would allow a write again.</summary>
    public abstract Task Ready { get; }

    /// <summary>Flushes and waits for it; a guest's wait (<paramref name="waiter"/>) ends with a trap once its deadline passes.</summary>
    public void BlockingFlush(WasiContext? waiter = null)
    {
        Flush();
        if (waiter is null) Task.WaitAny(Ready);
        else waiter.WaitAny([Ready]);
        CheckWrite();
    }
}
