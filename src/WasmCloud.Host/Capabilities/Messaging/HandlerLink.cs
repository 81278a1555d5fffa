using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>
/// What one link from the messaging provider to a component listens to: its core subscriptions (queue groups
/// shared with every other subscriber of the same group) and its JetStream consumers, whose messages are
/// acknowledged once the component has been handed them and returned, so a message in flight when the host goes
/// away is delivered again.
/// </summary>
internal sealed class HandlerLink : IAsyncDisposable
{
    private readonly List<INatsSub<byte[]>> _subscriptions = [];
    private readonly CancellationTokenSource _stop = new();

    private HandlerLink() { }

    public static async Task<HandlerLink> StartAsync(INatsConnection nats, MessagingConfig config, Func<InboundMessage, Task> deliver, ILogger log, string describe, CancellationToken cancel)
    {
        var link = new HandlerLink();
        try
        {
            foreach (var (subject, queue) in config.Subscriptions)
            {
                var subscription = await nats.SubscribeCoreAsync<byte[]>(subject, queue, cancellationToken: cancel);
                link._subscriptions.Add(subscription);
                _ = link.ReceiveAsync(subscription, deliver);
            }
            var jetStream = new NatsJSContext((NatsConnection)nats);
            foreach (var consumer in config.Consumers)
            {
                INatsJSConsumer source;
                try
                {
                    source = await jetStream.GetConsumerAsync(consumer.Stream, consumer.Name, cancel);
                }
                catch (NatsJSApiException e)
                {
                    throw new FormatException($"JetStream consumer `{consumer.Name}` of stream `{consumer.Stream}`: {e.Error.Description}");
                }
                var options = new NatsJSConsumeOpts { MaxMsgs = consumer.MaxMessages ?? (consumer.MaxBytes is null ? 1000 : null), MaxBytes = consumer.MaxBytes };
                _ = link.ConsumeAsync(source, options, deliver, log, describe);
            }
            await nats.PingAsync(cancel);
            return link;
        }
        catch
        {
            await link.DisposeAsync();
            throw;
        }
    }

    private async Task ReceiveAsync(INatsSub<byte[]> subscription, Func<InboundMessage, Task> deliver)
    {
        await foreach (var message in subscription.Msgs.ReadAllAsync())
            _ = deliver(InboundMessage.From(message));
    }

    private async Task ConsumeAsync(INatsJSConsumer consumer, NatsJSConsumeOpts options, Func<InboundMessage, Task> deliver, ILogger log, string describe)
    {
        try
        {
            await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: options, cancellationToken: _stop.Token))
                _ = DeliverThenAckAsync(message, deliver, log, describe);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is NatsException)
        {
            log.LogError("JetStream consumer {Consumer} for {Link} stopped: {Error}", consumer.Info.Name, describe, e.Message);
        }
    }

    private static async Task DeliverThenAckAsync(INatsJSMsg<byte[]> message, Func<InboundMessage, Task> deliver, ILogger log, string describe)
    {
        // A JetStream message's reply subject is its acknowledgement, not somebody waiting for an answer.
        await deliver(new InboundMessage(message.Subject, message.Data ?? [], null, message.Headers));
        try
        {
            await message.AckAsync();
        }
        catch (Exception e) when (e is NatsException or ObjectDisposedException)
        {
            log.LogWarning("could not acknowledge a JetStream message for {Link}: {Error}", describe, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var subscription in _subscriptions) await subscription.DisposeAsync();
        _stop.Dispose();
    }
}
