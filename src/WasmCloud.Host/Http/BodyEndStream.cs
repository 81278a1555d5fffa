namespace WasmCloud.Host.Http;

/// <summary>
/// A body read through to its end, with something done there before the reader sees the end: an HTTP response's
/// trailers are known only then (read them in <paramref name="atEnd"/>), and a forwarded response's trailers must be
/// in place by then (set them there).
/// </summary>
internal sealed class BodyEndStream(Stream inner, Func<Task> atEnd) : ForwardReadStream
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _ending;

    /// <summary>Done once the end was reached and <c>atEnd</c> ran (or failed).</summary>
    public Task Ended => _ended.Task;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (read == 0 && buffer.Length > 0 && !_ending)
        {
            _ending = true;
            try
            {
                await atEnd();
                _ended.TrySetResult();
            }
            catch (Exception e)
            {
                _ended.TrySetException(e);
                throw;
            }
        }
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ended.TrySetCanceled();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
