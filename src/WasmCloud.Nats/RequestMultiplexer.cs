using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text;

namespace WasmCloud.Nats;

/// <summary>
/// All requests of a connection share one wildcard subscription, <c>_INBOX.&lt;nuid&gt;.*</c>; each request's reply
/// subject ends in a number that finds its waiting task, so a request costs no SUB/UNSUB round of its own.
/// </summary>
internal sealed class RequestMultiplexer : SubscriptionBase
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<NatsMsg>> _pending = new();
    private readonly string _prefix;
    private long _nextToken;

    /// <param name="inbox">A fresh inbox subject; replies arrive on its children.</param>
    public RequestMultiplexer(NatsConnection connection, string inbox) : base(connection, inbox + ".*", queueGroup: null) => _prefix = inbox + ".";

    /// <summary>A reply subject and the task its answer completes.</summary>
    public (string ReplyTo, long Token, Task<NatsMsg> Answer) Register()
    {
        long token = Interlocked.Increment(ref _nextToken);
        var answer = new TaskCompletionSource<NatsMsg>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[token] = answer;
        return (_prefix + token.ToString(System.Globalization.CultureInfo.InvariantCulture), token, answer.Task);
    }

    public void Forget(long token) => _pending.TryRemove(token, out _);

    internal override void Deliver(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, NatsHeaders? headers, in ReadOnlySequence<byte> payload)
    {
        var tokenBytes = subject[(subject.LastIndexOf((byte)'.') + 1)..];
        if (!Utf8Parser.TryParse(tokenBytes, out long token, out _) || !_pending.TryRemove(token, out var answer))
            return; // a late answer to a request that timed out or was cancelled
        answer.TrySetResult(new NatsMsg(
            Encoding.UTF8.GetString(subject),
            replyTo.IsEmpty ? null : Encoding.UTF8.GetString(replyTo),
            headers,
            payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : payload.ToArray(),
            Connection));
    }

    internal override void Complete(Exception? error)
    {
        foreach (var token in _pending.Keys)
            if (_pending.TryRemove(token, out var answer))
                answer.TrySetException(error ?? new NatsConnectionClosedException());
    }
}
