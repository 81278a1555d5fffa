namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>
/// The host object behind <c>outgoing-value</c>: what the guest writes to its output-stream is spooled to a file
/// (writes complete as they are made, so nothing is pending when the guest finishes), and <c>finish</c> stores it at
/// the place <c>write-data</c> named. Any order of write-body and write-data works, and no value is held in memory.
/// </summary>
internal sealed class OutgoingValue : IDisposable
{
    private readonly FileStream _spool = new(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);

    public bool BodyTaken { get; set; }

    /// <summary>Where <c>write-data</c> said the value goes: the store, its container and the object's name.</summary>
    public (IBlobBackend Backend, string Container, string Name)? Destination { get; set; }

    public Stream Body => new SpoolWriter(_spool);

    /// <summary>The bytes written so far, from the start.</summary>
    public Stream Written()
    {
        _spool.Flush();
        _spool.Position = 0;
        return _spool;
    }

    public void Dispose() => _spool.Dispose();

    /// <summary>Writes straight through to the spool: a write is done when it returns (the guest's stream never waits on it).</summary>
    private sealed class SpoolWriter(FileStream spool) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => spool.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => spool.Write(buffer);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            spool.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            spool.Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override void Flush() => spool.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>The host object behind <c>incoming-value</c>: a range of an object, read once (whole, or as an input-stream).</summary>
internal sealed class IncomingValue(Stream data, ulong size) : IDisposable
{
    public Stream Data { get; } = data;
    public ulong Size { get; } = size;

    public void Dispose() => Data.Dispose();
}

/// <summary>An open container: the store it is in and its name.</summary>
internal sealed record OpenContainer(IBlobBackend Backend, string Name);

/// <summary>The host object behind <c>stream-object-names</c>: the names listed when it was made, read in order.</summary>
internal sealed class ObjectNames(IReadOnlyList<string> names)
{
    private int _next;

    public (IReadOnlyList<string> Names, bool Ended) Read(ulong count)
    {
        var take = (int)Math.Min(count, (ulong)(names.Count - _next));
        var read = names.Skip(_next).Take(take).ToList();
        _next += take;
        return (read, _next >= names.Count);
    }

    public (ulong Skipped, bool Ended) Skip(ulong count)
    {
        var take = (int)Math.Min(count, (ulong)(names.Count - _next));
        _next += take;
        return ((ulong)take, _next >= names.Count);
    }
}
