using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Components.Types;
using WasmCloud.Host.Providers;
using WasmCloud.Lattice;
using WasmCloud.Lattice.Control;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>
/// The builtin <c>messaging-nats</c> provider (also standing in for upstream's image), <c>wasmcloud:messaging@0.2.0</c>
/// over the host's NATS connection. As the source of a link to a component (interface <c>handler</c>) it subscribes
/// to the link's source config <c>subscriptions</c> (comma-separated subjects, each optionally <c>subject|queue</c>)
/// and hands every message to the component's <c>handle-message</c>, a fresh instance per message, in this process
/// when the component runs here and over wRPC otherwise. As the target of a component's link (interface
/// <c>consumer</c>) it serves <c>publish</c> and <c>request</c> over wRPC, as upstream's provider does. A link's
/// <c>cluster_uris</c> (comma-separated NATS addresses; source config for handlers, target config for consumers) puts
/// its messages on that NATS instead of the host's own; keys are read without regard to case, as upstream's
/// README spells them (<c>SUBSCRIPTIONS</c>, <c>CLUSTER_URIS</c>).
/// </summary>
internal sealed class MessagingProvider(string id, string imageRef, Dictionary<string, string> annotations, LatticeHost host) : IHostedProvider
{
    public const string NatsName = "messaging-nats";
    private const string HandlerInstance = "wasmcloud:messaging/handler@0.2.0";
    private const string ConsumerInstance = "wasmcloud:messaging/consumer@0.2.0";

    private static readonly ValType Message = Wit.Record(("subject", Wit.String), ("body", Wit.Bytes), ("reply-to", Wit.Option(Wit.String)));
    private static readonly FunctionCodec HandleCodec = new(Wit.Func(Wit.Result(null, Wit.String), ("msg", Message)));
    private static readonly FunctionCodec PublishCodec = new(Wit.Func(Wit.Result(null, Wit.String), ("msg", Message)));
    private static readonly FunctionCodec RequestCodec = new(Wit.Func(Wit.Result(Message, Wit.String), ("subject", Wit.String), ("body", Wit.Bytes), ("timeout-ms", Wit.U32)));

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, List<INatsSub<byte[]>>> _subscriptions = new(StringComparer.Ordinal);
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
            var (subject, body, replyTo) = Fields((RecordValue)args[0]);
            try
            {
                var nats = await ConnectionAsync(caller.Config, token);
                await nats.PublishAsync(subject, body, replyTo: replyTo, cancellationToken: token);
                return Val.Ok();
            }
            catch (Exception e) when (e is NatsException or TimeoutException or FormatException)
            {
                return Val.Error(ComponentValue.String($"could not publish on {subject}: {e.Message}"));
            }
        }, cancel));
        _servers.Add(await ProviderExports.ServeAsync(host, Id, "wasmcloud", "messaging", ConsumerInstance, "request", RequestCodec, async (args, caller, token) =>
        {
            var subject = Val.ToText(args[0]);
            var timeout = TimeSpan.FromMilliseconds(((IntegerValue)args[2]).Bits);
            try
            {
                var nats = await ConnectionAsync(caller.Config, token);
                var reply = await nats.RequestAsync<byte[], byte[]>(subject, Val.ToBytes(args[1]), replyOpts: new NatsSubOpts { Timeout = timeout }, cancellationToken: token);
                return reply.HasNoResponders
                    ? Val.Error(ComponentValue.String($"no responders on {subject}"))
                    : Val.Ok(Record(reply.Subject, reply.Data ?? [], reply.ReplyTo));
            }
            catch (Exception e) when (e is NatsNoReplyException or NatsNoRespondersException)
            {
                return Val.Error(ComponentValue.String($"no reply on {subject} within {timeout.TotalMilliseconds:0} ms"));
            }
            catch (Exception e) when (e is NatsException or TimeoutException or FormatException)
            {
                return Val.Error(ComponentValue.String($"could not request on {subject}: {e.Message}"));
            }
        }, cancel));
    }

    /// <summary>Subscribes for every handler link from this provider, as its source config says; drops the rest.</summary>
    public async Task SetLinksAsync(IReadOnlyList<ResolvedLink> links, CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel);
        try
        {
            var wanted = links.Where(l => l.Link is { WitNamespace: "wasmcloud", WitPackage: "messaging" } && l.Link.Interfaces.Contains("handler"))
                .ToDictionary(l => $"{l.Link.Target}|{l.Link.Name}|{Setting(l.SourceConfig, "subscriptions")}|{Setting(l.SourceConfig, "cluster_uris")}", StringComparer.Ordinal);
            foreach (var key in _subscriptions.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
            {
                foreach (var subscription in _subscriptions[key]) await subscription.DisposeAsync();
                _subscriptions.Remove(key);
            }
            foreach (var (key, link) in wanted.Where(w => !_subscriptions.ContainsKey(w.Key)))
            {
                INatsConnection nats;
                try
                {
                    nats = await ConnectionAsync(link.SourceConfig, cancel);
                }
                catch (Exception e) when (e is NatsException or TimeoutException or FormatException)
                {
                    host.Log.LogError("provider {Id} cannot subscribe for {Target}: {Error}", Id, link.Link.Target, e.Message);
                    continue;
                }
                var subscriptions = new List<INatsSub<byte[]>>();
                foreach (var entry in (Setting(link.SourceConfig, "subscriptions") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var parts = entry.Split('|', 2);
                    var subscription = await nats.SubscribeCoreAsync<byte[]>(parts[0], parts.Length == 2 ? parts[1] : null, cancellationToken: cancel);
                    subscriptions.Add(subscription);
                    _ = DeliverAsync(subscription, link.Link);
                }
                await nats.PingAsync(cancel);
                _subscriptions[key] = subscriptions;
                host.Log.LogInformation("provider {Id} hands {Subjects} to {Target}", Id, Setting(link.SourceConfig, "subscriptions"), link.Link.Target);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DeliverAsync(INatsSub<byte[]> subscription, Link link)
    {
        await foreach (var message in subscription.Msgs.ReadAllAsync())
            _ = HandleAsync(link, Record(message.Subject, message.Data ?? [], message.ReplyTo));
    }

    private async Task HandleAsync(Link link, ComponentValue message)
    {
        try
        {
            var result = host.Components.Running.TryGetValue(link.Target, out var component)
                ? await component.InvokeAsync(HandlerInstance, "handle-message", [message], host.Stopping)
                : await Task.Run(() => host.Links.CallRemote(Id, link.Name, link.Target, HandlerInstance, "handle-message", HandleCodec, [message]));
            if (result is VariantValue { Case: "error", Payload: StringValue reason })
                host.Log.LogWarning("component {Target} failed to handle a message: {Reason}", link.Target, reason.Value);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !host.Stopping.IsCancellationRequested)
        {
            // A trapping or failing handler costs only its own message.
            host.Log.LogWarning("message for {Target} not handled: {Error}", link.Target, e.Message);
        }
    }

    private static string? Setting(IReadOnlyDictionary<string, string> config, string key) => LinkConfig.Get(config, key);

    /// <summary>The NATS a link's <c>cluster_uris</c> names (one connection per distinct list, kept while the provider runs), or the host's own.</summary>
    private async Task<INatsConnection> ConnectionAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancel) =>
        Setting(config, "cluster_uris") is { Length: > 0 } uris
            ? await _clusters.GetAsync(uris, () => LinkNats.ConnectAsync(uris, $"messaging-nats {Id}"), cancel)
            : host.Rpc;

    private static ComponentValue Record(string subject, byte[] body, string? replyTo) => new RecordValue([
        ("subject", ComponentValue.String(subject)), ("body", Val.Bytes(body)), ("reply-to", replyTo is null ? Val.None : Val.Some(ComponentValue.String(replyTo))),
    ]);

    private static (string Subject, byte[] Body, string? ReplyTo) Fields(RecordValue message) => (
        Val.ToText(message.Fields[0].Value), Val.ToBytes(message.Fields[1].Value),
        Val.ToVariant(message.Fields[2].Value) is ("some", { } reply) ? Val.ToText(reply) : null);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        foreach (var subscription in _subscriptions.Values.SelectMany(s => s)) await subscription.DisposeAsync();
        _subscriptions.Clear();
        await _clusters.DisposeAsync();
    }
}
