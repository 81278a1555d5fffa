using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using WasmCloud.Lattice;

namespace WasmCloud.Host.Ctl;

/// <summary>
/// The control interface of one host: the subscriptions upstream's hosts make on <c>{prefix}.v1.{lattice}.…</c>
/// (per host, plain, or in a queue group so one host of the lattice answers), each message handled in turn and
/// answered with a <see cref="CtlResponse{T}"/>. A handler that throws is answered <c>success: false</c>; the
/// host goes on.
/// </summary>
internal sealed class CtlServer : IAsyncDisposable
{
    private readonly LatticeHost _host;
    private readonly CtlHandlers _handlers;
    private readonly List<INatsSub<byte[]>> _subscriptions = [];
    private readonly List<Task> _loops = [];

    public CtlServer(LatticeHost host)
    {
        _host = host;
        _handlers = new CtlHandlers(host);
    }

    public async Task StartAsync(CancellationToken cancel)
    {
        var root = _host.Subjects.Root;
        var id = _host.Id;
        var subscriptions = new List<(string Subject, string? Queue)>
        {
            ($"{root}.registry.put", null),
            ($"{root}.host.ping", null),
            ($"{root}.link.*", $"{root}.link"),
            ($"{root}.claims.get", $"{root}.claims"),
            ($"{root}.component.*.{id}", null),
            ($"{root}.provider.*.{id}", null),
            ($"{root}.label.*.{id}", null),
            ($"{root}.host.*.{id}", null),
            ($"{root}.config.>", $"{root}.config"),
            // wasmCloud's TypeScript client starts providers without naming a host; one host of the lattice takes it.
            ($"{root}.provider.start", $"{root}.provider.start"),
        };
        if (_host.Options.EnableComponentAuction) subscriptions.Add(($"{root}.component.auction", null));
        if (_host.Options.EnableProviderAuction) subscriptions.Add(($"{root}.provider.auction", null));
        foreach (var (subject, queue) in subscriptions)
        {
            var subscription = await _host.Ctl.SubscribeCoreAsync<byte[]>(subject, queue, cancellationToken: cancel);
            _subscriptions.Add(subscription);
            _loops.Add(ServeAsync(subscription));
        }
        await _host.Ctl.PingAsync(cancel);
    }

    private async Task ServeAsync(INatsSub<byte[]> subscription)
    {
        await foreach (var msg in subscription.Msgs.ReadAllAsync())
        {
            var operation = msg.Subject[(_host.Subjects.Root.Length + 1)..];
            using var activity = TraceContext.StartCtl(operation, msg.Headers);
            byte[]? reply;
            try
            {
                reply = await _handlers.HandleAsync(operation, msg.Data ?? []);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _host.Log.LogError(e, "ctl request on {Subject} failed", msg.Subject);
                reply = LatticeJson.Encode(CtlResponse.Fail(e.Message));
            }
            if (reply is null || msg.ReplyTo is null) continue;
            try
            {
                await msg.ReplyAsync(reply, TraceContext.Headers());
            }
            catch (Exception e) when (e is NatsException or ObjectDisposedException)
            {
                _host.Log.LogWarning("could not answer ctl request on {Subject}: {Error}", msg.Subject, e.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (Exception e) when (e is NatsException or ObjectDisposedException)
            {
                // The connection is already gone; so are the subscriptions.
            }
        }
        await Task.WhenAll(_loops).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
