using System.Buffers;
using System.IO.Pipelines;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Http;

/// <summary>
/// A pending <c>stream&lt;u8&gt;</c> on its path, as wrpc-transport writes one: chunks, each a LEB128 length and that
/// many bytes, then an empty chunk (<c>0x00</c>), then the empty message that ends the path. Chunks and messages need
/// not line up: a length or a chunk may be split across messages, so the reader keeps its place between them.
/// </summary>
internal static class WrpcByteStream
{
    /// <summary>Sends what <paramref name="source"/> yields, chunk by chunk as it comes; a failing source fails the path too.</summary>
    public static async Task SendAsync(PipeReader source, WrpcPathWriter path, CancellationToken cancel)
    {
        // Each message is one chunk: its length (at most 5 bytes) and as much as fits after it.
        var message = new byte[Math.Min(path.MaxPayload, 64 * 1024)];
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(cancel);
                var buffer = read.Buffer;
                while (!buffer.IsEmpty)
                {
                    var take = (int)Math.Min(buffer.Length, message.Length - 8);
                    var writer = new FixedWriter(message);
                    Leb128.WriteUnsigned(writer, (ulong)take);
                    buffer.Slice(0, take).CopyTo(message.AsSpan(writer.Written));
                    await path.WriteAsync(message.AsMemory(0, writer.Written + take), cancel);
                    buffer = buffer.Slice(take);
                }
                source.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted) break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await path.FailAsync(e.Message);
            throw;
        }
        await path.WriteAsync(new byte[] { 0 }, cancel);
        await path.CompleteAsync(cancel);
    }

    /// <summary>
    /// Writes the stream's bytes to <paramref name="destination"/> as they arrive and completes it at the stream's
    /// end; a path that fails, stops within a chunk or goes quiet for <paramref name="timeout"/> completes it with that error,
    /// which is also returned (null: the stream arrived whole, or its reader stopped wanting it).
    /// </summary>
    public static async Task<Exception?> ReceiveAsync(WrpcPathReader path, PipeWriter destination, TimeSpan timeout, CancellationToken cancel)
    {
        var framer = new Framer();
        try
        {
            while (await path.ReadAsync(timeout, cancel) is { } message)
            {
                var ended = framer.Feed(message, destination);
                // A reader that has stopped reading wants no more.
                var flushed = await destination.FlushAsync(cancel);
                if (!ended && !flushed.IsCompleted) continue;
                await destination.CompleteAsync();
                return null;
            }
            if (framer.InsideChunk) throw new WrpcDecodeException($"the byte stream on path {path.Path} ends inside a chunk");
            await destination.CompleteAsync();
            return null;
        }
        catch (Exception e)
        {
            await destination.CompleteAsync(e);
            return e;
        }
    }

    /// <summary>Where the reader is in the chunks: inside a length (its bits so far), or inside a chunk (what is left of it).</summary>
    internal sealed class Framer
    {
        private ulong _length;
        private int _shift;
        private long _remaining;

        public bool InsideChunk => _shift > 0 || _remaining > 0;

        /// <summary>Passes the message's chunk bytes on; true once the empty chunk that ends the stream is read.</summary>
        public bool Feed(ReadOnlySpan<byte> message, PipeWriter destination)
        {
            while (!message.IsEmpty)
            {
                if (_remaining > 0)
                {
                    var take = (int)Math.Min(_remaining, message.Length);
                    destination.Write(message[..take]);
                    message = message[take..];
                    _remaining -= take;
                    continue;
                }
                var b = message[0];
                message = message[1..];
                if (_shift >= 35) throw new WrpcDecodeException("a chunk length of the byte stream does not fit in 32 bits");
                _length |= (ulong)(b & 0x7f) << _shift;
                _shift += 7;
                if ((b & 0x80) != 0) continue;
                if (_length > uint.MaxValue) throw new WrpcDecodeException("a chunk length of the byte stream does not fit in 32 bits");
                var length = (long)_length;
                _length = 0;
                _shift = 0;
                if (length == 0)
                {
                    if (!message.IsEmpty) throw new WrpcDecodeException($"{message.Length} bytes follow the end of the byte stream");
                    return true;
                }
                _remaining = length;
            }
            return false;
        }
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over a fixed array, for a chunk's length prefix.</summary>
    private sealed class FixedWriter(byte[] target) : IBufferWriter<byte>
    {
        public int Written { get; private set; }
        public void Advance(int count) => Written += count;
        public Memory<byte> GetMemory(int sizeHint = 0) => target.AsMemory(Written);
        public Span<byte> GetSpan(int sizeHint = 0) => target.AsSpan(Written);
    }
}
