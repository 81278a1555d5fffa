using System.Collections.Concurrent;
using System.Threading.Channels;
using NATS.Client.Core;

namespace WasmCloud.Wrpc.Transport;

/// <summary>
/// One wildcard subscription, <c>_INBOX.{id}.&gt;</c>, for the inboxes of every call: each call gets
/// <c>_INBOX.{id}.{n}</c> and reads what arrives on it and below it (<c>.results</c>, <c>.params</c>) from its own
/// channel. A call then costs no SUB and UNSUB of its own, which on a fast server are most of a small call's time.
/// </summary>
internal sealed class InboxMux(INatsConnection nats) : IAsyncDisposable
{
    private readonly string _prefix = WrpcSubjects.NewInbox();
    private readonly ConcurrentDictionary<string, Channel<NatsMsg<byte[]>>> _calls = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _starting = new(1, 1);
    private INatsSub<byte[]>? _subscription;
    private Task _routing = Task.CompletedTask;
    private long _next;

    /// <summary>A new inbox; dispose it when the call is over, and anything later sent to it is dropped.</summary>
    public async ValueTask<Inbox> OpenAsync(CancellationToken cancel)
    {
        if (_subscription is null)
        {
            await _starting.WaitAsync(cancel);
            try
            {
                if (_subscription is null)
                {
                    var subscription = await nats.SubscribeCoreAsync<byte[]>(_prefix + ".>", cancellationToken: cancel);
                    _routing = RouteAsync(subscription);
                    _subscription = subscription;
                }
            }
            finally
            {
                _starting.Release();
            }
        }
        var subject = $"{_prefix}.{Interlocked.Increment(ref _next)}";
        var channel = Channel.CreateUnbounded<NatsMsg<byte[]>>(new UnboundedChannelOptions { SingleReader = true });
        _calls[subject] = channel;
        return new Inbox(subject, channel.Reader, () => _calls.TryRemove(subject, out _));
    }

    private async Task RouteAsync(INatsSub<byte[]> subscription)
    {
        await foreach (var msg in subscription.Msgs.ReadAllAsync())
        {
            // _INBOX.{id}.{n}[.results|.params]: the call is the first three tokens.
            var subject = msg.Subject;
            var end = subject.IndexOf('.', _prefix.Length + 1);
            var call = end < 0 ? subject : subject[..end];
            if (_calls.TryGetValue(call, out var channel)) channel.Writer.TryWrite(msg);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null) await _subscription.DisposeAsync();
        await _routing.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>One call's inbox: its subject, and what has arrived on it and below it.</summary>
    public sealed class Inbox(string subject, ChannelReader<NatsMsg<byte[]>> messages, Action close) : IDisposable
    {
        public string Subject { get; } = subject;

        /// <summary>The next message, or null once <paramref name="timeout"/> has passed.</summary>
        public async Task<NatsMsg<byte[]>?> NextAsync(TimeSpan timeout, CancellationToken cancel)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            waiting.CancelAfter(timeout);
            try
            {
                return await messages.ReadAsync(waiting.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                return null;
            }
        }

        public void Dispose() => close();
    }
}
