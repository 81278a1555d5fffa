namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>
/// An output-stream over a .NET stream (stdout, stderr): each write is handed to the stream asynchronously
/// and <see cref="CheckWrite"/> allows nothing more until it completes, which is the guest's back-pressure.
/// A failed write surfaces at the next operation.
/// </summary>
internal sealed class StreamOutput(Stream stream) : OutputStream
{
    private const int Capacity = 64 * 1024;
    private Task _pending = Task.CompletedTask;

    public override Task Ready => _pending;

    public override long CheckWrite()
    {
        if (!_pending.IsCompleted) return 0;
        var done = _pending;
        _pending = Task.CompletedTask;
        done.GetAwaiter().GetResult();
        return Capacity;
    }

    public override void Write(byte[] bytes)
    {
        if (bytes.Length > CheckWrite()) throw new IOException("write exceeds what check-write permitted");
        _pending = stream.WriteAsync(bytes).AsTask();
    }

    public override void Flush() => _pending = FlushAfter(_pending);

    private async Task FlushAfter(Task previous)
    {
        await previous;
        await stream.FlushAsync();
    }
}
