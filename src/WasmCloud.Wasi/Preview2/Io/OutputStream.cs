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

    public void BlockingFlush()
    {
        Flush();
        Task.WaitAny(Ready);
        CheckWrite();
    }
}
