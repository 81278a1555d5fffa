using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Components.Types;
using WasmCloud.Host.Providers;
using WasmCloud.Lattice.Control;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>
/// The builtin <c>messaging-nats</c> provider (also standing in for upstream's image). As the source of a link to a
/// component (interface <c>handler</c>) it listens as the link's config says (<see cref="MessagingConfig"/>) and hands
/// every message to the component (<see cref="MessageDelivery"/>: <c>wasmcloud:messaging@0.2.0</c> or <c>0.3.0</c>,
/// whichever it exports), a fresh instance per message, in this process when the component runs here and over wRPC
/// otherwise. As the target of a component's link it serves <c>wasmcloud:messaging/consumer@0.2.0</c> (<c>publish</c>,
/// <c>request</c>) over wRPC, as upstream's provider does, and publishes for components on this host that import
/// <c>0.3.0</c> directly. The provider's own config gives every link's defaults.
/// </summary>
internal sealed class MessagingProvider(string id, string imageRef, Dictionary<string, string> annotations, IReadOnlyDictionary<string, string> defaults, LatticeHost host)
    : IHostedProvider
{
    public const string NatsName = "messaging-nats";
    public const string ConsumerInstance = "wasmcloud:messaging/consumer@0.2.0";

    public static readonly ValType Message = Wit.Record(("subject", Wit.String), ("body", Wit.Bytes), ("reply-to", Wit.Option(Wit.String)));
    public static readonly FunctionCodec PublishCodec = new(Wit.Func(Wit.Result(null, Wit.String), ("msg", Message)));
    public static readonly FunctionCodec RequestCodec = new(Wit.Func(Wit.Result(Message, Wit.String), ("subject", Wit.String), ("body", Wit.Bytes), ("timeout-ms", Wit.U32)));

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, HandlerLink> _handlers = new(StringComparer.Ordinal);
    private readonly List<WrpcServer> _servers = [];
    private readonly BackendCache<NatsConnection> _clusters = new();

    public string Id { get; } = id;
    public string ImageRef { get; } = imageRef;
    public string? Name => "Messaging on NATS (builtin)";
    public Dictionary<string, string> Annotations { get; } = annotations;

    public HealthCheckResponse Health() => new() { Healthy = true, Message = "" };

    public async Task StartAsync(CancellationToken cancel)
    {
        _servers.Add(await ProviderExports.ServeAsync(host, Id, "wasmcloud", "messaging", ConsumerInstance, "publish", PublishCodec, async (args, caller, token) =>
        {
            var message = InboundMessage.FromBroker(args[0]);
            var failure = await PublishAsync(caller.Config, message.Subject, message.Body, null, message.ReplyTo, token);
            return failure is null ? Val.Ok() : Val.Error(ComponentValue.String(failure.Message));
        }, cancel));
        _servers.Add(await ProviderExports.ServeAsync(host, Id, "wasmcloud", "messaging", ConsumerInstance, "request", RequestCodec, async (args, caller, token) =>
        {
            var timeout = TimeSpan.FromMilliseconds(((IntegerValue)args[2]).Bits);
            var (replies, failure) = await RequestAsync(caller.Config, Val.ToText(args[0]), Val.ToBytes(args[1]), null, timeout, 1, token);
            return failure is null ? Val.Ok(BrokerMessage(replies[0])) : Val.Error(ComponentValue.String(failure.Message));
        }, cancel));
    }

    /// <summary>
    /// Publishes as a link with this config asks; the failure, if any, with the interface's kind of error. With
    /// <paramref name="confirm"/> the server is asked to confirm it took the message (a round trip), so a permissions
    /// violation, which NATS reports apart from the publish, is this publish's <c>permission-denied</c>.
    /// </summary>
    public async Task<MessagingFailure?> PublishAsync(IReadOnlyDictionary<string, string> config, string subject, byte[] body, NatsHeaders? headers, string? replyTo,
        CancellationToken cancel, bool confirm = false)
    {
        try
        {
            var nats = await ConnectionAsync(config, cancel);
            if (!confirm)
            {
                await nats.PublishAsync(subject, body, headers, replyTo, cancellationToken: cancel);
                return null;
            }
            using var violations = new PermissionViolations(nats, subject);
            await nats.PublishAsync(subject, body, headers, replyTo, cancellationToken: cancel);
            await nats.PingAsync(cancel);
            return violations.Seen is { } violation ? new MessagingFailure(MessagingFailureKind.PermissionDenied, violation) : null;
        }
        catch (Exception e) when (e is NatsException or TimeoutException or FormatException)
        {
            return MessagingFailure.Of(e, $"could not publish on {subject}");
        }
    }

    /// <summary>
    /// A request, answered by up to <paramref name="expected"/> replies: it ends at the last of them or at the timeout,
    /// with the replies seen so far (none is a timeout).
    /// </summary>
    public async Task<(IReadOnlyList<NatsMsg<byte[]>> Replies, MessagingFailure? Failure)> RequestAsync(IReadOnlyDictionary<string, string> config, string subject,
        byte[] body, NatsHeaders? headers, TimeSpan timeout, int expected, CancellationToken cancel)
    {
        var replies = new List<NatsMsg<byte[]>>();
        PermissionViolations? violations = null;
        try
        {
            var nats = await ConnectionAsync(config, cancel);
            violations = new PermissionViolations(nats, subject);
            var options = new NatsSubOpts { Timeout = timeout, MaxMsgs = expected };
            await foreach (var reply in nats.RequestManyAsync<byte[], byte[]>(subject, body, headers, replyOpts: options, cancellationToken: cancel))
            {
                if (reply.HasNoResponders) return ([], new MessagingFailure(MessagingFailureKind.Other, $"no responders on {subject}"));
                replies.Add(reply);
            }
            return replies.Count > 0 ? (replies, null)
                : violations.Seen is { } violation ? ([], new MessagingFailure(MessagingFailureKind.PermissionDenied, violation))
                : ([], new MessagingFailure(MessagingFailureKind.Timeout, $"no reply on {subject} within {timeout.TotalMilliseconds:0} ms"));
        }
        catch (Exception e) when (e is NatsNoRespondersException)
        {
            return ([], new MessagingFailure(MessagingFailureKind.Other, $"no responders on {subject}"));
        }
        catch (Exception e) when (e is NatsException or TimeoutException or FormatException)
        {
            return ([], MessagingFailure.Of(e, $"could not request on {subject}"));
        }
        finally
        {
            violations?.Dispose();
        }
    }

    /// <summary>Listens for every handler link from this provider, as its config says; stops listening for the rest.</summary>
    public async Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel);
        try
        {
            var wanted = new Dictionary<string, (Link Link, MessagingConfig Config)>(StringComparer.Ordinal);
            foreach (var link in links.Where(l => l.Link is { WitNamespace: "wasmcloud", WitPackage: "messaging" } && l.Link.Interfaces.Contains("handler")))
            {
                try
                {
                    var config = MessagingConfig.Parse(MessagingConfig.Merge(defaults, link.SourceConfig));
                    wanted[$"{link.Link.Target}|{link.Link.Name}|{config.Key}"] = (link.Link, config);
                }
                catch (FormatException e)
                {
                    host.Log.LogError("provider {Id} cannot listen for {Target}: {Error}", Id, link.Link.Target, e.Message);
                }
            }
            foreach (var key in _handlers.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
            {
                await _handlers[key].DisposeAsync();
                _handlers.Remove(key);
            }
            foreach (var (key, (link, config)) in wanted.Where(w => !_handlers.ContainsKey(w.Key)))
            {
                try
                {
                    var nats = await ConnectionAsync(config.Nats, cancel, forCall: false);
                    _handlers[key] = await HandlerLink.StartAsync(nats, config, message => MessageDelivery.HandAsync(host, Id, link, message), host.Log, $"{Id} → {link.Target}", cancel);
                    host.Log.LogInformation("provider {Id} hands {Subjects} to {Target}", Id,
                        string.Join(", ", config.Subscriptions.Select(s => s.Subject).Concat(config.Consumers.Select(c => $"{c.Stream}/{c.Name}"))), link.Target);
                }
                catch (Exception e) when (e is NatsException or TimeoutException or FormatException)
                {
                    host.Log.LogError("provider {Id} cannot listen for {Target}: {Error}", Id, link.Target, e.Message);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The NATS a link's config names (one connection per distinct setting, kept while the provider runs), or the host's own.</summary>
    private Task<INatsConnection> ConnectionAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancel) =>
        ConnectionAsync(LinkNats.From(MessagingConfig.Merge(defaults, config), MessagingConfig.ServerKey), cancel);

    private async Task<INatsConnection> ConnectionAsync(LinkNats nats, CancellationToken cancel, bool forCall = true)
    {
        if (nats.IsHostConnection) return host.Rpc;
        var connection = await _clusters.GetAsync(nats.Key, () => nats.ConnectAsync($"messaging-nats {Id}", host.Options.Rpc), cancel);
        // While that server is away a call fails at once (a connection error) rather than being buffered or timing out;
        // subscriptions are made all the same, and come back with the connection.
        return !forCall || connection.ConnectionState == NatsConnectionState.Open ? connection
            : throw new TimeoutException($"the NATS server at {nats.Describe} is not connected ({connection.ConnectionState.ToString().ToLowerInvariant()})");
    }

    public static ComponentValue BrokerMessage(string subject, byte[] body, string? replyTo) => new RecordValue([
        ("subject", ComponentValue.String(subject)), ("body", Val.Bytes(body)), ("reply-to", replyTo is null ? Val.None : Val.Some(ComponentValue.String(replyTo))),
    ]);

    private static ComponentValue BrokerMessage(NatsMsg<byte[]> message) => BrokerMessage(message.Subject, message.Data ?? [], message.ReplyTo);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        foreach (var handler in _handlers.Values) await handler.DisposeAsync();
        _handlers.Clear();
        await _clusters.DisposeAsync();
    }
}
