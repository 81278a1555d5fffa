using System.Buffers;

namespace WasmCloud.Nats.Protocol;

/// <summary>A growable byte buffer on <see cref="ArrayPool{T}"/>: outgoing commands are serialised into it and written in one go.</summary>
internal sealed class PooledBuffer : IDisposable
{
    private const int InitialSize = 64 * 1024;
    private byte[] _array = ArrayPool<byte>.Shared.Rent(InitialSize);

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _array.AsMemory(0, Length);

    public Span<byte> GetSpan(int sizeHint)
    {
        if (_array.Length - Length < sizeHint)
            Grow(sizeHint);
        return _array.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void Write<T>(T command) where T : IOutboundCommand => Advance(command.Write(GetSpan(command.MaxLength)));

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    /// <summary>
    /// Empties the buffer. A buffer that grew during a burst keeps its size while the burst lasts (growing again would
    /// cost copies and pool misses) and goes back to the pool once a small batch shows the burst is over.
    /// </summary>
    public void Clear()
    {
        bool burstOver = Length < InitialSize;
        Length = 0;
        if (burstOver && _array.Length > 4 * InitialSize)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
    }

    private void Grow(int sizeHint)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, Length + sizeHint));
        _array.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        Length = 0;
    }
}
