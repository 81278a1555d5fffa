namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>Bytes <c>start</c> to <c>end</c> (inclusive) of a seekable stream, read forward; owns the stream.</summary>
internal sealed class RangeStream : ForwardReadStream
{
    private readonly Stream _inner;
    private long _left;

    public RangeStream(Stream inner, ulong start, ulong end)
    {
        _inner = inner;
        var from = (long)Math.Min(start, (ulong)inner.Length);
        var to = end >= (ulong)inner.Length ? inner.Length - 1 : (long)end;
        _left = Math.Max(0, to - from + 1);
        inner.Seek(from, SeekOrigin.Begin);
    }

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        _left -= read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken);
        _left -= read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
