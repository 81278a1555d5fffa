namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>
/// An input-stream over a .NET stream (stdin, a request body): one asynchronous read is kept in flight, so a
/// non-blocking read returns at once and a pollable waits on the pending read instead of a thread. Its buffer is
/// rented on the first read and given back at the end of the stream: most guests never read stdin, and most
/// requests they serve have no body.
/// </summary>
internal sealed class StreamInput(Stream stream) : InputStream
{
    private const int BufferSize = 64 * 1024;
    private byte[]? _buffer;
    private Task<int>? _pending;
    private int _start;
    private int _end;
    private bool _ended;

    public override Task Ready => _start < _end || _ended ? Task.CompletedTask : _pending ??= ReadAsync();

    private Task<int> ReadAsync()
    {
        _buffer ??= System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
        return stream.ReadAsync(_buffer, 0, BufferSize);
    }

    public override byte[]? Read(int length)
    {
        if (_start == _end && !_ended)
        {
            var pending = (Task<int>)Ready;
            if (!pending.IsCompleted) return [];
            _pending = null;
            var count = pending.GetAwaiter().GetResult();
            (_start, _end, _ended) = (0, count, count == 0);
            if (_ended)
            {
                // No read is in flight once the stream has ended, so nothing else can touch the buffer.
                System.Buffers.ArrayPool<byte>.Shared.Return(_buffer!);
                _buffer = null;
            }
        }
        if (_ended && _start == _end) return null;
        var take = Math.Min(length, _end - _start);
        var bytes = _buffer!.AsSpan(_start, take).ToArray();
        _start += take;
        return bytes;
    }
}
