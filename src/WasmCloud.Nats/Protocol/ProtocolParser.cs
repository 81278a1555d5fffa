using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace WasmCloud.Nats.Protocol;

/// <summary>Splits the server's byte stream into protocol operations without copying payloads.</summary>
internal static class ProtocolParser
{
    private const int StackLineLimit = 1024;

    /// <summary>Parses one operation off the front of <paramref name="buffer"/>; false when it is not complete yet.</summary>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, IProtocolHandler handler)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null) return false;
        var lineSequence = buffer.Slice(0, newline.Value);
        var rest = buffer.Slice(buffer.GetPosition(1, newline.Value));

        int length = (int)lineSequence.Length;
        byte[]? rented = null;
        Span<byte> line = length <= StackLineLimit ? stackalloc byte[StackLineLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            line = line[..length];
            lineSequence.CopyTo(line);
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            if (!TryDispatch(line, ref rest, handler)) return false;
            buffer = rest;
            return true;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryDispatch(ReadOnlySpan<byte> line, ref ReadOnlySequence<byte> rest, IProtocolHandler handler)
    {
        if (StartsWithWord(line, "MSG"u8)) return TryMessage(line[4..], withHeaders: false, ref rest, handler);
        if (StartsWithWord(line, "HMSG"u8)) return TryMessage(line[5..], withHeaders: true, ref rest, handler);
        if (StartsWithWord(line, "PING"u8)) handler.OnPing();
        else if (StartsWithWord(line, "PONG"u8)) handler.OnPong();
        else if (StartsWithWord(line, "INFO"u8)) handler.OnInfo(line[5..]);
        else if (StartsWithWord(line, "-ERR"u8)) handler.OnError(Encoding.UTF8.GetString(line[4..].Trim(" '"u8)));
        else if (!StartsWithWord(line, "+OK"u8)) throw new NatsException($"unexpected protocol line '{Encoding.UTF8.GetString(line)}'");
        return true;
    }

    private static bool StartsWithWord(ReadOnlySpan<byte> line, ReadOnlySpan<byte> word) =>
        line.Length >= word.Length
        && Ascii.EqualsIgnoreCase(line[..word.Length], word)
        && (line.Length == word.Length || line[word.Length] is (byte)' ' or (byte)'\t');

    /// <summary><c>subject sid [reply] size</c> or, with headers, <c>subject sid [reply] header-size total-size</c>.</summary>
    private static bool TryMessage(ReadOnlySpan<byte> args, bool withHeaders, ref ReadOnlySequence<byte> rest, IProtocolHandler handler)
    {
        Span<Range> tokens = stackalloc Range[6];
        int count = Split(args, tokens);
        int sizes = withHeaders ? 2 : 1;
        if (count != 2 + sizes && count != 3 + sizes)
            throw new NatsException($"malformed message line '{Encoding.UTF8.GetString(args)}'");

        long total = ParseNumber(args[tokens[count - 1]]);
        long headerSize = withHeaders ? ParseNumber(args[tokens[count - 2]]) : 0;
        if (rest.Length < total + 2) return false;

        var replyTo = count == 3 + sizes ? args[tokens[2]] : default;
        var headers = withHeaders ? NatsHeaders.Parse(rest.Slice(0, headerSize)) : null;
        handler.OnMessage(args[tokens[0]], ParseNumber(args[tokens[1]]), replyTo, headers, rest.Slice(headerSize, total - headerSize));
        rest = rest.Slice(total + 2);
        return true;
    }

    private static int Split(ReadOnlySpan<byte> args, Span<Range> tokens)
    {
        int count = 0, at = 0;
        while (at < args.Length)
        {
            while (at < args.Length && args[at] is (byte)' ' or (byte)'\t') at++;
            if (at == args.Length) break;
            int start = at;
            while (at < args.Length && args[at] is not ((byte)' ' or (byte)'\t')) at++;
            if (count == tokens.Length) throw new NatsException("too many arguments in a protocol line");
            tokens[count++] = start..at;
        }
        return count;
    }

    private static long ParseNumber(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out long value, out int consumed) && consumed == digits.Length
            ? value
            : throw new NatsException($"bad number '{Encoding.UTF8.GetString(digits)}' in protocol line");
}
