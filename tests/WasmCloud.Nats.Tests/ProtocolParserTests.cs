using System.Buffers;
using System.Text;
using WasmCloud.Nats.Protocol;

namespace WasmCloud.Nats.Tests;

public sealed class ProtocolParserTests
{
    private const string Stream =
        "INFO {\"server_id\":\"x\",\"max_payload\":1024}\r\n" +
        "MSG a.b 1 5\r\nhello\r\n" +
        "PING\r\n" +
        "HMSG reply.to 2 _INBOX.x.1 16 18\r\nNATS/1.0 503\r\n\r\nhi\r\n" +
        "+OK\r\n" +
        "MSG empty 3 0\r\n\r\n" +
        "-ERR 'Permissions Violation'\r\n" +
        "PONG\r\n";

    private static readonly string[] Expected =
    [
        "INFO x", "MSG a.b 1 - hello", "PING", "MSG reply.to 2 _INBOX.x.1 hi status=503", "MSG empty 3 - ", "ERR Permissions Violation", "PONG",
    ];

    [Fact]
    public void Parses_every_operation_in_one_buffer() => Assert.Equal(Expected, Parse([Encoding.ASCII.GetBytes(Stream)]));

    [Fact]
    public void Parses_the_same_however_the_bytes_are_split_into_reads()
    {
        var bytes = Encoding.ASCII.GetBytes(Stream);
        for (int split = 1; split < bytes.Length; split++)
            Assert.Equal(Expected, Parse([bytes[..split], bytes[split..]]));
        Assert.Equal(Expected, Parse([.. bytes.Select(b => new[] { b })]));
    }

    /// <summary>Feeds the chunks one read at a time, keeping unparsed bytes as a pipe reader would, each read a multi-segment sequence.</summary>
    private static List<string> Parse(byte[][] reads)
    {
        var recorder = new Recorder();
        var pending = new List<byte[]>();
        foreach (var read in reads)
        {
            pending.Add(read);
            var buffer = Segments.Of(pending);
            while (ProtocolParser.TryParse(ref buffer, recorder)) { }
            pending = buffer.IsEmpty ? [] : [buffer.ToArray()];
        }
        Assert.Empty(pending);
        return recorder.Seen;
    }

    private sealed class Recorder : IProtocolHandler
    {
        public List<string> Seen { get; } = [];

        public void OnMessage(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, NatsHeaders? headers, in ReadOnlySequence<byte> payload) =>
            Seen.Add($"MSG {Encoding.ASCII.GetString(subject)} {sid} {(replyTo.IsEmpty ? "-" : Encoding.ASCII.GetString(replyTo))} {Encoding.ASCII.GetString(payload.ToArray())}"
                + (headers is null ? "" : $" status={headers.StatusCode}"));

        public void OnInfo(ReadOnlySpan<byte> json) => Seen.Add($"INFO {NatsTransport.ParseInfoJson(json).ServerId}");
        public void OnPing() => Seen.Add("PING");
        public void OnPong() => Seen.Add("PONG");
        public void OnError(string message) => Seen.Add($"ERR {message}");
    }

    /// <summary>A read-only sequence over several arrays, like the pipe hands over data that arrived in several reads.</summary>
    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Of(List<byte[]> arrays)
        {
            var first = new Segments(arrays[0], 0);
            var last = first;
            foreach (var array in arrays.Skip(1))
            {
                var next = new Segments(array, last.RunningIndex + last.Memory.Length);
                last.Next = next;
                last = next;
            }
            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
