using System.Globalization;

namespace WasmCloud.Nats.JetStream;

/// <summary>
/// What JetStream puts in the reply subject of a delivered message:
/// <c>$JS.ACK.&lt;stream&gt;.&lt;consumer&gt;.&lt;delivered&gt;.&lt;stream seq&gt;.&lt;consumer seq&gt;.&lt;ns timestamp&gt;.&lt;pending&gt;</c>,
/// or the newer form with domain and account hash after <c>$JS.ACK</c> and a random token at the end.
/// </summary>
public readonly record struct JsMsgMetadata(string Stream, string Consumer, ulong Delivered, ulong StreamSequence, ulong ConsumerSequence, DateTimeOffset Timestamp, ulong Pending)
{
    public static bool TryParse(string? replyTo, out JsMsgMetadata metadata)
    {
        metadata = default;
        if (replyTo is null || !replyTo.StartsWith("$JS.ACK.", StringComparison.Ordinal)) return false;
        var tokens = replyTo.Split('.');
        int at = tokens.Length switch { 9 => 2, >= 11 => 4, _ => -1 };
        if (at < 0) return false;
        if (!TryNumber(tokens[at + 2], out var delivered) || !TryNumber(tokens[at + 3], out var streamSeq) || !TryNumber(tokens[at + 4], out var consumerSeq)
            || !TryNumber(tokens[at + 5], out var nanos) || !TryNumber(tokens[at + 6], out var pending))
            return false;
        metadata = new JsMsgMetadata(tokens[at], tokens[at + 1], delivered, streamSeq, consumerSeq,
            DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100)), pending);
        return true;
    }

    private static bool TryNumber(string token, out ulong value) => ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
