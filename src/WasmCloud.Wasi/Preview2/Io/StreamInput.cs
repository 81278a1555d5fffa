namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>
/// An input-stream over a .NET stream (stdin): one asynchronous read is kept in flight, so a non-blocking
/// read returns at once and a pollable waits on the pending read instead of a thread.
/// </summary>
internal sealed class StreamInput(Stream stream) : InputStream
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private Task<int>? _pending;
    private int _start;
    private int _end;
    private bool _ended;

    public override Task Ready => _start < _end || _ended ? Task.CompletedTask : _pending ??= stream.ReadAsync(_buffer, 0, _buffer.Length);

    public override byte[]? Read(int length)
    {
        if (_start == _end && !_ended)
        {
            var pending = (Task<int>)Ready;
            if (!pending.IsCompleted) return [];
            _pending = null;
            var count = pending.GetAwaiter().GetResult();
            (_start, _end, _ended) = (0, count, count == 0);
        }
        if (_ended && _start == _end) return null;
        var take = Math.Min(length, _end - _start);
        var bytes = _buffer.AsSpan(_start, take).ToArray();
        _start += take;
        return bytes;
    }
}
