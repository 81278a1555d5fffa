namespace WasmCloud.Nats;

// Request/reply over the shared inbox subscription.
public sealed partial class NatsConnection
{
    /// <summary>
    /// Publishes a request and waits for the first answer. Throws <see cref="NatsNoRespondersException"/> when nobody
    /// listens on <paramref name="subject"/>, <see cref="NatsTimeoutException"/> after <paramref name="timeout"/>
    /// (default <see cref="NatsOptions.RequestTimeout"/>).
    /// </summary>
    public async Task<NatsMsg> RequestAsync(string subject, ReadOnlyMemory<byte> payload, NatsHeaders? headers = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var inbox = Inbox();
        var (replyTo, token, answer) = inbox.Register();
        try
        {
            await PublishAsync(subject, payload, headers, replyTo, cancellationToken).ConfigureAwait(false);
            var msg = await answer.WaitAsync(timeout ?? Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            return msg.IsNoResponders ? throw new NatsNoRespondersException(subject) : msg;
        }
        catch (TimeoutException)
        {
            throw new NatsTimeoutException($"a reply to the request on '{subject}'");
        }
        finally
        {
            inbox.Forget(token);
        }
    }

    /// <summary>A fresh inbox subject for callers that need a subscription of their own (e.g. push consumers).</summary>
    public string NewInbox() => $"{Options.InboxPrefix}.{Nuid.Next()}";

    private RequestMultiplexer Inbox()
    {
        if (_inbox is { } inbox) return inbox;
        lock (_inboxGate)
        {
            if (_inbox is null)
            {
                var created = new RequestMultiplexer(this, NewInbox());
                Register(created, maxMessages: null);
                _inbox = created;
            }
            return _inbox;
        }
    }
}
