using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using WasmCloud.Components;
using WasmCloud.Host.Http;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wrpc;

namespace WasmCloud.Host.Tests;

/// <summary>The heads of wrpc:http/incoming-handler.handle and outgoing-handler.handle, and their streamed bodies, byte by byte.</summary>
public sealed class WrpcHttpWireTests
{
    private static ServedRequest Request(string method = "PATCH", string? scheme = "https") => new()
    {
        Method = method,
        PathWithQuery = "/a/b?c=d",
        Scheme = scheme,
        Authority = "example.test:8443",
        Headers = [("accept", "text/plain"u8.ToArray()), ("x-n", "1"u8.ToArray()), ("accept", "*/*"u8.ToArray())],
        Body = Stream.Null,
    };

    [Fact]
    public void A_request_head_is_written_as_upstream_lays_it_out()
    {
        var bytes = WrpcHttpWire.EncodeRequest(Request("GET", "http"));
        var expected = new List<byte> { 0, 0, 0 };                          // body pending, trailers pending, method get
        expected.AddRange([1, 8, .. "/a/b?c=d"u8.ToArray()]);                // path-with-query: some
        expected.AddRange([1, 0]);                                          // scheme: some(HTTP)
        expected.AddRange([1, 17, .. "example.test:8443"u8.ToArray()]);      // authority
        expected.AddRange([2, 6, .. "accept"u8.ToArray(), 2, 10, .. "text/plain"u8.ToArray(), 3, .. "*/*"u8.ToArray(), 3, .. "x-n"u8.ToArray(), 1, 1, (byte)'1']);
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("PATCH", "https")]
    [InlineData("PROPFIND", "wss")]
    [InlineData("DELETE", null)]
    public void A_request_head_round_trips(string method, string? scheme)
    {
        var head = WrpcHttpWire.DecodeRequest(WrpcHttpWire.EncodeRequest(Request(method, scheme)));
        Assert.Null(head.Body);
        Assert.False(head.Trailers.Ready);
        Assert.Equal((method, "/a/b?c=d", scheme, "example.test:8443"), (head.Method, head.PathWithQuery, head.Scheme, head.Authority));
        // Values of one name travel together, in their order.
        Assert.Equal(["accept: text/plain", "accept: */*", "x-n: 1"], head.Headers.Select(h => $"{h.Name}: {Encoding.Latin1.GetString(h.Value)}"));
    }

    [Fact]
    public void An_outgoing_request_carries_its_options_after_the_head()
    {
        var head = WrpcHttpWire.EncodeRequest(Request());
        var bytes = WrpcHttpWire.EncodeOutgoingRequest(Request(), new WrpcHttpWire.OutgoingOptions(1_000_000_000, null, 300));
        // option<request-options>: some, then each timeout as option<u64> (nanoseconds, LEB128).
        Assert.Equal([.. head, 1, 1, 0x80, 0x94, 0xEB, 0xDC, 0x03, 0, 1, 0xAC, 0x02], bytes);
        var (request, options) = WrpcHttpWire.DecodeOutgoingRequest(bytes);
        Assert.Equal(("PATCH", "example.test:8443"), (request.Method, request.Authority));
        Assert.Equal(new WrpcHttpWire.OutgoingOptions(1_000_000_000, null, 300), options);

        var plain = WrpcHttpWire.EncodeOutgoingRequest(Request(), null);
        Assert.Equal([.. head, 0], plain);
        Assert.Null(WrpcHttpWire.DecodeOutgoingRequest(plain).Options);
        for (var cut = 0; cut < bytes.Length; cut++)
            Assert.Throws<WrpcDecodeException>(() => WrpcHttpWire.DecodeOutgoingRequest(bytes.AsMemory(0, cut)));
    }

    [Fact]
    public void A_response_head_and_an_error_round_trip()
    {
        var response = new ServedResponse { Status = 404, Headers = [("content-type", "text/plain"u8.ToArray())], Trailers = Task.FromResult<IReadOnlyList<(string, byte[])>?>(null) };
        var bytes = WrpcHttpWire.EncodeResponse(response);
        Assert.Equal(new byte[] { 0, 0, 0, 0x94, 0x03, 1, 12 }, bytes[..7]);
        var head = WrpcHttpWire.DecodeResponse(bytes);
        Assert.Equal(404, head.Status);
        Assert.Null(head.Error);
        Assert.Equal("content-type", Assert.Single(head.Headers).Name);

        var failed = WrpcHttpWire.DecodeResponse(WrpcHttpWire.EncodeError(ErrorCode.InternalError("boom")));
        Assert.Equal(ErrorCode.InternalError("boom").ToString(), failed.Error!.ToString());
        // err, case 38 (internal-error), some("boom").
        byte[] expected = [1, 38, 1, 4, .. "boom"u8.ToArray()];
        Assert.Equal(expected, WrpcHttpWire.EncodeError(ErrorCode.InternalError("boom")));
    }

    [Fact]
    public void A_body_and_trailers_that_came_ready_in_the_head_are_read_from_it()
    {
        // body: ready "hi"; trailers: ready some([("x-t", ["1"])]); status 200; no headers.
        byte[] bytes = [0, 2, (byte)'h', (byte)'i', 1, 1, 1, 3, .. "x-t"u8.ToArray(), 1, 1, (byte)'1', 0xc8, 0x01, 0];
        var head = WrpcHttpWire.DecodeResponse(bytes);
        Assert.Equal("hi"u8.ToArray(), head.Body);
        Assert.True(head.Trailers.Ready);
        Assert.Equal("x-t", Assert.Single(head.Trailers.Value!).Name);
        Assert.Equal(200, head.Status);
    }

    [Fact]
    public void Every_truncation_and_mutation_of_a_head_fails_cleanly()
    {
        var request = WrpcHttpWire.EncodeRequest(Request());
        for (int length = 0; length < request.Length; length++)
            Assert.Throws<WrpcDecodeException>(() => WrpcHttpWire.DecodeRequest(request.AsMemory(0, length)));
        var response = WrpcHttpWire.EncodeResponse(new ServedResponse { Status = 200, Headers = [("a", "b"u8.ToArray())], Trailers = Task.FromResult<IReadOnlyList<(string, byte[])>?>(null) });
        for (int length = 0; length < response.Length; length++)
            Assert.Throws<WrpcDecodeException>(() => WrpcHttpWire.DecodeResponse(response.AsMemory(0, length)));
        var random = new Random(7);
        for (int round = 0; round < 20_000; round++)
        {
            var mutated = (round % 2 == 0 ? request : response).ToArray();
            for (int flips = random.Next(1, 4); flips > 0; flips--) mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            try
            {
                if (round % 2 == 0) WrpcHttpWire.DecodeRequest(mutated);
                else WrpcHttpWire.DecodeResponse(mutated);
            }
            catch (WrpcDecodeException)
            {
            }
        }
    }

    [Fact]
    public async Task A_byte_stream_is_read_whatever_way_its_chunks_are_split_across_messages()
    {
        // Chunks "hello" and 200 bytes (a two-byte length), then the end, cut into messages at every point.
        var payload = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        byte[] stream = [5, .. "hello"u8.ToArray(), 0xc8, 0x01, .. payload, 0];
        for (int cut = 1; cut < stream.Length; cut++)
        {
            var framer = new WrpcByteStream.Framer();
            var pipe = new Pipe();
            Assert.False(framer.Feed(stream.AsSpan(0, cut), pipe.Writer));
            Assert.True(framer.Feed(stream.AsSpan(cut), pipe.Writer));
            Assert.False(framer.InsideChunk);
            await pipe.Writer.CompleteAsync();
            var read = await pipe.Reader.ReadAtLeastAsync(205);
            Assert.Equal([.. "hello"u8.ToArray(), .. payload], read.Buffer.ToArray());
        }
        Assert.True(new WrpcByteStream.Framer() is var partial && !partial.Feed([3, 1, 2], new Pipe().Writer) && partial.InsideChunk);
        Assert.Throws<WrpcDecodeException>(() => new WrpcByteStream.Framer().Feed([0, 9], new Pipe().Writer));
        Assert.Throws<WrpcDecodeException>(() => new WrpcByteStream.Framer().Feed([0xff, 0xff, 0xff, 0xff, 0xff, 0x01], new Pipe().Writer));
    }
}
