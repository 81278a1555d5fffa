using System.Text;

namespace WasmCloud.Wasi.Tests;

/// <summary>HTTP/1.1 by hand over a socket: a chunked upload of a known pattern, and a chunked response read as it arrives.</summary>
internal static class ChunkedUpload
{
    public static byte ByteAt(long offset) => (byte)(offset * 31 % 251);

    /// <summary>Sends <paramref name="size"/> bytes of the pattern; past half of them, waits for <paramref name="resume"/>.</summary>
    public static async Task SendAsync(Stream connection, string path, int size, Task resume)
    {
        await connection.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
        var chunk = new byte[64 * 1024];
        for (long sent = 0; sent < size;)
        {
            if (sent >= size / 2) await resume.WaitAsync(TimeSpan.FromSeconds(30));
            var count = (int)Math.Min(chunk.Length, size - sent);
            for (var i = 0; i < count; i++) chunk[i] = ByteAt(sent + i);
            await connection.WriteAsync(Encoding.ASCII.GetBytes($"{count:x}\r\n"));
            await connection.WriteAsync(chunk.AsMemory(0, count));
            await connection.WriteAsync("\r\n"u8.ToArray());
            sent += count;
        }
        await connection.WriteAsync("0\r\n\r\n"u8.ToArray());
    }

    public sealed class ResponseReader(Stream connection)
    {
        private readonly BufferedStream _input = new(connection, 64 * 1024);

        /// <summary>The status code; reads past the headers, which must announce a chunked body.</summary>
        public async Task<int> ReadStatusAsync()
        {
            var status = int.Parse((await ReadLineAsync()).Split(' ')[1]);
            var chunked = false;
            for (var line = await ReadLineAsync(); line.Length > 0; line = await ReadLineAsync())
                chunked |= line.Equals("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase);
            Assert.True(chunked, "the echo's length is not known up front, so its body comes chunked");
            return status;
        }

        /// <summary>The next chunk's bytes; empty at the last chunk.</summary>
        public async Task<byte[]> ReadChunkAsync()
        {
            var size = Convert.ToInt32((await ReadLineAsync()).Split(';')[0], 16);
            var chunk = new byte[size];
            await _input.ReadExactlyAsync(chunk);
            await ReadLineAsync();
            return chunk;
        }

        private async Task<string> ReadLineAsync()
        {
            var line = new StringBuilder();
            var one = new byte[1];
            while (await _input.ReadAsync(one) == 1 && one[0] != '\n')
                if (one[0] != '\r') line.Append((char)one[0]);
            return line.ToString();
        }
    }
}
