using System.Buffers;
using WasmCloud.Nats.Protocol;

namespace WasmCloud.Nats;

// Connecting, the I/O loops of one socket, and reconnecting when it fails.
public sealed partial class NatsConnection
{
    private async Task<NatsTransport> ConnectToAnyServerAsync(CancellationToken cancellationToken)
    {
        Exception? lastError = null;
        foreach (var server in _servers.OrderForAttempt(failed: null))
        {
            try
            {
                return await NatsTransport.ConnectAsync(server, Options, _auth, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // An authorization failure says more than a later server that was merely unreachable.
                if (lastError is not NatsAuthorizationException) lastError = e;
            }
        }
        throw lastError is NatsException ? lastError : new NatsException("could not connect to any server", lastError);
    }

    /// <summary>Adopts a freshly handshaken socket: resubscribe, then release what was buffered meanwhile.</summary>
    private void Attach(NatsTransport transport)
    {
        _transport = transport;
        ApplyInfo(transport.Info, transport.Server);
        _outbound.OnConnected(WriteResubscriptions);
        _state = NatsConnectionState.Connected;
    }

    private void WriteResubscriptions(PooledBuffer buffer)
    {
        foreach (var subscription in _subscriptions.Values)
        {
            buffer.Write(new SubscribeCommand(subscription.Subject, subscription.QueueGroup, subscription.Sid));
            if (subscription.MaxMessages is { } max)
                buffer.Write(new UnsubscribeCommand(subscription.Sid, max - subscription.Delivered));
        }
    }

    private void ApplyInfo(ServerInfo info, Uri server)
    {
        _info = info;
        if (info.ConnectUrls is { } urls)
            _servers.AddDiscovered(urls, server.Scheme);
    }

    /// <summary>Owns the connection from the first socket to the close: runs each socket's loops and reconnects when they fail.</summary>
    private async Task SuperviseAsync(NatsTransport transport)
    {
        Exception? closeCause = null;
        try
        {
            while (true)
            {
                var failure = await RunAsync(transport).ConfigureAwait(false);
                await transport.DisposeAsync().ConfigureAwait(false);
                _outbound.OnDisconnected(failure);
                if (_closing.IsCancellationRequested) break;

                _state = NatsConnectionState.Reconnecting;
                Raise(NatsConnectionEventKind.Disconnected, transport.Server, failure.Message);
                var next = Options.AllowReconnect ? await ReconnectAsync(transport.Server).ConfigureAwait(false) : null;
                if (next is null)
                {
                    // Giving up is an error for whoever still reads; a close asked for by the caller is not.
                    closeCause = _closing.IsCancellationRequested ? null : failure;
                    break;
                }
                transport = next;
                Attach(transport);
                Raise(NatsConnectionEventKind.Reconnected, transport.Server);
            }
        }
        catch (Exception unexpected)
        {
            // Whatever went wrong, callers must see a closed connection rather than one that hangs.
            closeCause = unexpected;
        }
        finally
        {
            Close(closeCause);
        }
    }

    /// <summary>Runs reader, writer and keep-alive until one of them fails; returns why.</summary>
    private async Task<Exception> RunAsync(NatsTransport transport)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        var loops = new[]
        {
            ReadLoopAsync(transport, stop.Token),
            _outbound.RunWriterAsync(transport.Stream, stop.Token),
            KeepAliveLoopAsync(stop.Token),
        };
        var first = await Task.WhenAny(loops).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch
        {
            // The first failure is the one that matters; the others are its consequences.
        }
        return first.Exception?.GetBaseException() ?? new NatsException("connection closed");
    }

    private async Task ReadLoopAsync(NatsTransport transport, CancellationToken cancellationToken)
    {
        var dispatcher = new Dispatcher(this, transport.Server);
        var reader = transport.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (ProtocolParser.TryParse(ref buffer, dispatcher)) { }
            reader.AdvanceTo(buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
                throw new IOException(dispatcher.LastError is { } error ? $"server closed the connection: {error}" : "server closed the connection");
        }
    }

    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.PingInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            if (!_outbound.TrySendKeepAlive(Options.MaxPingsOutstanding))
                throw new NatsException("stale connection: the server stopped answering pings");
    }

    /// <summary>Tries every known server per pass, backing off (with jitter) between passes; null when closing or out of attempts.</summary>
    private async Task<NatsTransport?> ReconnectAsync(Uri failed)
    {
        for (int pass = 0; Options.MaxReconnectAttempts < 0 || pass < Options.MaxReconnectAttempts; pass++)
        {
            foreach (var server in _servers.OrderForAttempt(failed))
            {
                try
                {
                    return await NatsTransport.ConnectAsync(server, Options, _auth, _closing.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Closing makes any attempt fail one way or another; otherwise on to the next server,
                    // and the pass as a whole decides about backing off.
                    if (_closing.IsCancellationRequested) return null;
                }
            }
            try
            {
                await Task.Delay(Backoff(pass), _closing.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
        return null;
    }

    private TimeSpan Backoff(int pass)
    {
        var wait = Options.ReconnectWait * Math.Pow(2, Math.Min(pass, 16));
        if (wait > Options.MaxReconnectWait) wait = Options.MaxReconnectWait;
        return wait + Options.ReconnectJitter * Random.Shared.NextDouble();
    }

    private void Close(Exception? cause)
    {
        _state = NatsConnectionState.Closed;
        _outbound.Close(cause);
        var error = cause is null ? null : new NatsConnectionClosedException(cause);
        foreach (var subscription in _subscriptions.Values)
            subscription.Complete(subscription is RequestMultiplexer ? error ?? new NatsConnectionClosedException() : error);
        _subscriptions.Clear();
        Raise(NatsConnectionEventKind.Closed, server: null, cause?.Message);
        _events.Writer.TryComplete();
        _outbound.Dispose();
    }

    /// <summary>Routes what the parser finds: messages to subscriptions, PING/PONG to the pipeline, INFO to the server pool.</summary>
    private sealed class Dispatcher(NatsConnection connection, Uri server) : IProtocolHandler
    {
        public string? LastError { get; private set; }

        public void OnMessage(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, NatsHeaders? headers, in ReadOnlySequence<byte> payload)
        {
            if (!connection._subscriptions.TryGetValue(sid, out var subscription))
                return; // unsubscribed while the message was in flight
            subscription.Deliver(subject, replyTo, headers, payload);
            if (subscription.MaxMessages is not null && subscription.CountDelivery() && connection._subscriptions.TryRemove(sid, out _))
                subscription.Complete(null);
        }

        public void OnInfo(ReadOnlySpan<byte> json) => connection.ApplyInfo(NatsTransport.ParseInfoJson(json), server);
        public void OnPing() => connection._outbound.SendPong();
        public void OnPong() => connection._outbound.OnPong();

        public void OnError(string message)
        {
            LastError = message;
            connection.Raise(NatsConnectionEventKind.ServerError, server, message);
        }
    }
}
