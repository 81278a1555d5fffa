using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// An HTTP/1.1 response body framed in chunks by the host rather than by Kestrel, whose own chunking cannot end
/// with trailers: the body streams out chunk by chunk as the guest writes it, and the guest's trailers, known
/// only once it finishes the body, follow the last chunk.
/// </summary>
internal static class ChunkedResponse
{
    /// <summary>
    /// Whether the response's body is framed here: an HTTP/1.1 response that has a body and whose length the guest
    /// did not state (Kestrel passes a body through unframed once the application has said it is chunked).
    /// </summary>
    public static bool Applies(HttpContext http) =>
        HttpProtocol.IsHttp11(http.Request.Protocol) && !HttpMethods.IsHead(http.Request.Method) &&
        http.Response.StatusCode is >= 200 and not 204 and not 304 &&
        http.Response.Headers.ContentLength is null && Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(http.Response.Headers.TransferEncoding);

    public static async Task CopyAsync(PipeReader body, Task<IReadOnlyList<(string Name, byte[] Value)>?> trailers, PipeWriter destination, CancellationToken cancel)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancel);
            var buffer = read.Buffer;
            if (!buffer.IsEmpty)
            {
                WriteChunkSize(destination, buffer.Length);
                foreach (var segment in buffer) destination.Write(segment.Span);
                destination.Write(LineEnd);
                await destination.FlushAsync(cancel);
            }
            body.AdvanceTo(buffer.End);
            if (read.IsCompleted) break;
        }
        var last = new StringBuilder("0\r\n");
        if (await trailers is { } fields)
            foreach (var (name, value) in fields) last.Append(name).Append(": ").Append(Encoding.Latin1.GetString(value)).Append("\r\n");
        destination.Write(Encoding.Latin1.GetBytes(last.Append("\r\n").ToString()));
        await destination.FlushAsync(cancel);
    }

    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

    /// <summary>The chunk-size line, formatted straight into the pipe (it is written for every chunk).</summary>
    private static void WriteChunkSize(PipeWriter destination, long size)
    {
        var line = destination.GetSpan(18);
        size.TryFormat(line, out var digits, "x", CultureInfo.InvariantCulture);
        LineEnd.CopyTo(line[digits..]);
        destination.Advance(digits + LineEnd.Length);
    }
}
