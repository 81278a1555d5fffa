using Microsoft.Win32.SafeHandles;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Filesystem;

/// <summary>An input-stream reading a file from an offset: files are always ready, so reads complete at once.</summary>
internal sealed class FileInput(SafeFileHandle file, long offset) : InputStream
{
    private long _offset = offset;

    public override Task Ready => Task.CompletedTask;

    public override byte[]? Read(int length)
    {
        var buffer = new byte[length];
        var count = RandomAccess.Read(file, buffer, _offset);
        if (count == 0 && length > 0) return null;
        _offset += count;
        return buffer[..count];
    }
}

/// <summary>An output-stream writing a file at an offset or at its end; writes are synchronous, so it is always ready.</summary>
internal sealed class FileOutput(SafeFileHandle file, long? offset) : OutputStream
{
    private const int Capacity = 1024 * 1024;
    private long? _offset = offset;

    public override Task Ready => Task.CompletedTask;
    public override long CheckWrite() => file.IsClosed ? throw new StreamClosedException() : Capacity;
    public override void Flush() { }

    public override void Write(byte[] bytes)
    {
        // Appending looks up the end at each write, since others may have written to the file meanwhile.
        var position = _offset ?? RandomAccess.GetLength(file);
        RandomAccess.Write(file, bytes, position);
        if (_offset is not null) _offset += bytes.Length;
    }
}
