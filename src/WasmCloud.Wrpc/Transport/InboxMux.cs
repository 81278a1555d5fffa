using System.Collections.Concurrent;
using System.Threading.Channels;
using NATS.Client.Core;

namespace WasmCloud.Wrpc.Transport;

/// <summary>
/// One wildcard subscription, <c>_INBOX.{id}.&gt;</c>, for the inboxes of every call: each call gets
/// <c>_INBOX.{id}.{n}</c> and reads what arrives on it and below it from its own channels — one for the inbox, its
/// <c>.results</c> and <c>.params</c> (which a call reads one after the other), and one per async value's path
/// (<c>.results.0.0</c>), which arrive interleaved. A call then costs no SUB and UNSUB of its own, which on a fast
/// server are most of a small call's time.
/// </summary>
internal sealed class InboxMux(INatsConnection nats) : IAsyncDisposable
{
    private readonly string _prefix = WrpcSubjects.NewInbox();
    private readonly ConcurrentDictionary<string, Inbox> _calls = new(StringComparer.Ordinal);
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
        var inbox = new Inbox(subject, () => _calls.TryRemove(subject, out _));
        _calls[subject] = inbox;
        return inbox;
    }

    private async Task RouteAsync(INatsSub<byte[]> subscription)
    {
        await foreach (var msg in subscription.Msgs.ReadAllAsync())
        {
            // _INBOX.{id}.{n}[.results|.params[.{path}]]: the call is the first three tokens.
            var subject = msg.Subject;
            var end = subject.IndexOf('.', _prefix.Length + 1);
            var call = end < 0 ? subject : subject[..end];
            if (_calls.TryGetValue(call, out var inbox)) inbox.Deliver(msg, end < 0 ? -1 : subject.IndexOf('.', end + 1));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null) await _subscription.DisposeAsync();
        await _routing.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>One call's inbox: its subject, and what has arrived on it and below it.</summary>
    public sealed class Inbox(string subject, Action close) : IDisposable
    {
        private readonly Channel<NatsMsg<byte[]>> _main = NewChannel();
        private readonly ConcurrentDictionary<string, Channel<NatsMsg<byte[]>>> _paths = new(StringComparer.Ordinal);

        public string Subject { get; } = subject;

        /// <summary>The next message on the inbox itself, its <c>.results</c> or its <c>.params</c>; null once <paramref name="timeout"/> has passed.</summary>
        public Task<NatsMsg<byte[]>?> NextAsync(TimeSpan timeout, CancellationToken cancel) => NextAsync(_main.Reader, timeout, cancel);

        /// <summary>What arrives for the async value at <paramref name="path"/> (below <c>.results</c> or <c>.params</c>, whichever this side receives).</summary>
        public WrpcPathReader Path(string path) => new(PathChannel(path).Reader, path);

        /// <param name="pathStart">Where the path begins in the subject (the dot after <c>.results</c>), or -1 for none.</param>
        internal void Deliver(NatsMsg<byte[]> msg, int pathStart)
        {
            var channel = pathStart < 0 ? _main : PathChannel(msg.Subject[(pathStart + 1)..]);
            channel.Writer.TryWrite(msg);
        }

        private Channel<NatsMsg<byte[]>> PathChannel(string path) => _paths.GetOrAdd(path, static _ => NewChannel());

        internal static async Task<NatsMsg<byte[]>?> NextAsync(ChannelReader<NatsMsg<byte[]>> messages, TimeSpan timeout, CancellationToken cancel)
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

        private static Channel<NatsMsg<byte[]>> NewChannel() => Channel.CreateUnbounded<NatsMsg<byte[]>>(new UnboundedChannelOptions { SingleReader = true });

        public void Dispose() => close();
    }
}
