using System.Buffers.Text;
using System.Text;

namespace WasmCloud.Nats.Protocol;

/// <summary>A client command that serialises itself straight into the outgoing buffer (structs, so writing one allocates nothing).</summary>
internal interface IOutboundCommand
{
    /// <summary>An upper bound of the bytes <see cref="Write"/> produces.</summary>
    int MaxLength { get; }

    int Write(Span<byte> destination);
}

/// <summary>PUB, or HPUB when there are headers.</summary>
internal readonly struct PublishCommand(string subject, string? replyTo, NatsHeaders? headers, ReadOnlyMemory<byte> payload) : IOutboundCommand
{
    private readonly int _headerLength = headers?.EncodedLength() ?? 0;

    /// <summary>What counts against the server's max_payload.</summary>
    public int PayloadSize => _headerLength + payload.Length;

    public int MaxLength => 5 + Wire.MaxLength(subject) + 1 + Wire.MaxLength(replyTo) + 1 + 2 * (Wire.MaxDigits + 1) + 2 + PayloadSize + 2;

    public int Write(Span<byte> destination)
    {
        int at = Wire.Ascii(headers is null ? "PUB "u8 : "HPUB "u8, destination);
        at += Wire.Text(subject, destination[at..]);
        if (replyTo is not null)
        {
            destination[at++] = (byte)' ';
            at += Wire.Text(replyTo, destination[at..]);
        }
        if (headers is not null)
        {
            destination[at++] = (byte)' ';
            at += Wire.Number(_headerLength, destination[at..]);
        }
        destination[at++] = (byte)' ';
        at += Wire.Number(PayloadSize, destination[at..]);
        at += Wire.CrLf(destination[at..]);
        if (headers is not null)
            at += headers.WriteTo(destination[at..]);
        payload.Span.CopyTo(destination[at..]);
        at += payload.Length;
        return at + Wire.CrLf(destination[at..]);
    }
}

internal readonly struct SubscribeCommand(string subject, string? queueGroup, long sid) : IOutboundCommand
{
    public int MaxLength => 4 + Wire.MaxLength(subject) + 1 + Wire.MaxLength(queueGroup) + 1 + Wire.MaxDigits + 2;

    public int Write(Span<byte> destination)
    {
        int at = Wire.Ascii("SUB "u8, destination);
        at += Wire.Text(subject, destination[at..]);
        if (queueGroup is not null)
        {
            destination[at++] = (byte)' ';
            at += Wire.Text(queueGroup, destination[at..]);
        }
        destination[at++] = (byte)' ';
        at += Wire.Number(sid, destination[at..]);
        return at + Wire.CrLf(destination[at..]);
    }
}

/// <summary>UNSUB; with a maximum the server removes the subscription only after that many more messages.</summary>
internal readonly struct UnsubscribeCommand(long sid, long? maxMessages) : IOutboundCommand
{
    public int MaxLength => 6 + 2 * (Wire.MaxDigits + 1) + 2;

    public int Write(Span<byte> destination)
    {
        int at = Wire.Ascii("UNSUB "u8, destination);
        at += Wire.Number(sid, destination[at..]);
        if (maxMessages is { } max)
        {
            destination[at++] = (byte)' ';
            at += Wire.Number(max, destination[at..]);
        }
        return at + Wire.CrLf(destination[at..]);
    }
}

/// <summary>A fixed command such as PING or PONG.</summary>
internal readonly struct LiteralCommand(byte[] bytes) : IOutboundCommand
{
    public static readonly LiteralCommand Ping = new("PING\r\n"u8.ToArray());
    public static readonly LiteralCommand Pong = new("PONG\r\n"u8.ToArray());

    public int MaxLength => bytes.Length;

    public int Write(Span<byte> destination) => Wire.Ascii(bytes, destination);
}

/// <summary>Serialisation helpers shared by the commands.</summary>
internal static class Wire
{
    public const int MaxDigits = 20;

    public static int MaxLength(string? text) => text is null ? 0 : Encoding.UTF8.GetMaxByteCount(text.Length);

    public static int Ascii(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        bytes.CopyTo(destination);
        return bytes.Length;
    }

    public static int Text(string text, Span<byte> destination) => Encoding.UTF8.GetBytes(text, destination);

    public static int Number(long value, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out int written);
        return written;
    }

    public static int CrLf(Span<byte> destination)
    {
        destination[0] = (byte)'\r';
        destination[1] = (byte)'\n';
        return 2;
    }
}
