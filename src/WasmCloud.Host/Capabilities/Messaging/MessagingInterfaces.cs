using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Host.Components;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>
/// <c>wasmcloud:messaging@0.3.0</c> (<c>types</c>, <c>producer</c>, <c>request-reply</c>) as components import it.
/// A client is named by the link it uses: <c>connect("")</c> or <c>connect("default")</c> is the link named
/// <c>default</c>, and the name must be the component's current link name for the interface (upstream's rule). The
/// link (from the component, package <c>wasmcloud:messaging</c>) leads to the messaging provider: on this host it
/// publishes in this process, with the link's config and the message's metadata as NATS headers; elsewhere the
/// call goes over wRPC as 0.2.0's <c>consumer.publish</c> / <c>consumer.request</c>, which carry no metadata. Messages
/// handed to the component's <c>incoming-handler</c> are resources of the same type, so <c>reply</c> answers them.
/// </summary>
internal sealed class MessagingInterfaces(LatticeHost host, WasiPreview2 wasi) : ICapabilityInterfaces
{
    public const string Version = "0.3.0";
    private const string ProducerInstance = "wasmcloud:messaging/producer";
    private const string RequestReplyInstance = "wasmcloud:messaging/request-reply";

    private static readonly ValType Error = Wit.Variant(("timeout", null), ("connection", Wit.String), ("permission-denied", Wit.String), ("other", Wit.String));
    private static readonly ValType Metadata = Wit.List(Wit.Tuple(Wit.String, Wit.String));

    private readonly HostResource _client = wasi.Resource("client");
    private readonly HostResource _message = wasi.Resource("message");
    private readonly HostResource _options = wasi.Resource("request-options");

    private sealed record Client(string Name);

    private sealed class RequestOptions
    {
        public uint? TimeoutMs;
        public uint? ExpectedReplies;
    }

    /// <summary>A message as the guest sees it: made by the guest, or handed to it (then it may have a reply subject).</summary>
    private sealed class Message
    {
        public string? Topic;
        public string? ContentType;
        public byte[] Data = [];
        public List<(string Key, string Value)>? Metadata;
        public string? ReplyTo;
    }

    /// <summary>A message for the guest of <paramref name="context"/>, as an owned handle.</summary>
    public ComponentValue NewMessage(WasiContext context, InboundMessage inbound) => _message.New(context, new Message
    {
        Topic = inbound.Subject,
        Data = inbound.Body,
        ReplyTo = inbound.ReplyTo,
        Metadata = inbound.Headers is { Count: > 0 } headers ? headers.SelectMany(h => h.Value.Select(v => (h.Key, v ?? ""))).ToList() : null,
    });

    public void Define(ComponentLinker linker, string componentId)
    {
        var types = new HostInterface("wasmcloud:messaging/types")
            .ValueTypes("metadata", "topic", "error")
            .Resource("client", _client)
            .Resource("message", _message)
            .Function("[static]client.connect", Wit.Func(Wit.Result(_client.Own, Error), ("name", Wit.String)),
                (WasiContext context, ComponentValue[] args) => Val.Ok(_client.New(context, new Client(Val.ToText(args[0])))))
            .Method(_client, "client", "disconnect", Wit.Result(null, Error), [], _ => Val.Ok())
            .Function("[constructor]message", Wit.Func(_message.Own, ("data", Wit.Bytes)),
                (WasiContext context, ComponentValue[] args) => _message.New(context, new Message { Data = Val.ToBytes(args[0]) }))
            .Method(_message, "message", "topic", Wit.Option(Wit.String), [], args => Optional(Of(args).Topic))
            .Method(_message, "message", "content-type", Wit.Option(Wit.String), [], args => Optional(Of(args).ContentType))
            .Method(_message, "message", "set-content-type", null, [("content-type", Wit.String)], args => Set(args, m => m.ContentType = Val.ToText(args[1])))
            .Method(_message, "message", "data", Wit.Bytes, [], args => Val.Bytes(Of(args).Data))
            .Method(_message, "message", "set-data", null, [("data", Wit.Bytes)], args => Set(args, m => m.Data = Val.ToBytes(args[1])))
            .Method(_message, "message", "metadata", Wit.Option(Metadata), [], args => Of(args).Metadata is { } pairs
                ? Val.Some(new ListValue(pairs.Select(p => (ComponentValue)new TupleValue([ComponentValue.String(p.Key), ComponentValue.String(p.Value)])).ToList()))
                : Val.None)
            .Method(_message, "message", "add-metadata", null, [("key", Wit.String), ("value", Wit.String)],
                args => Set(args, m => (m.Metadata ??= []).Add((Val.ToText(args[1]), Val.ToText(args[2])))))
            .Method(_message, "message", "set-metadata", null, [("meta", Metadata)], args => Set(args, m => m.Metadata = Pairs(args[1])))
            .Method(_message, "message", "remove-metadata", null, [("key", Wit.String)],
                args => Set(args, m => m.Metadata?.RemoveAll(p => p.Key == Val.ToText(args[1]))));
        var producer = new HostInterface(ProducerInstance)
            .ValueTypes("topic", "error")
            .Resource("client", _client)
            .Resource("message", _message)
            .Function("send", Wit.Func(Wit.Result(null, Error), ("c", _client.Borrow), ("topic", Wit.String), ("message", _message.Own)), (Store? store, ComponentValue[] args) =>
            {
                var message = _message.Take<Message>(args[2]);
                return Send(componentId, store, ProducerInstance, _client.Get<Client>(args[0]).Name, Val.ToText(args[1]), message, null);
            });
        var requestReply = new HostInterface(RequestReplyInstance)
            .ValueTypes("topic", "error")
            .Resource("client", _client)
            .Resource("message", _message)
            .Resource("request-options", _options)
            .Function("[constructor]request-options", Wit.Func(_options.Own), (WasiContext context, ComponentValue[] _) => _options.New(context, new RequestOptions()))
            .Method(_options, "request-options", "set-timeout-ms", null, [("timeout-ms", Wit.U32)], args =>
            {
                _options.Get<RequestOptions>(args[0]).TimeoutMs = (uint)Val.ToU64(args[1]);
                return null;
            })
            .Method(_options, "request-options", "set-expected-replies", null, [("expected-replies", Wit.U32)], args =>
            {
                _options.Get<RequestOptions>(args[0]).ExpectedReplies = (uint)Val.ToU64(args[1]);
                return null;
            })
            .Function("request", Wit.Func(Wit.Result(Wit.List(_message.Own), Error), ("c", _client.Borrow), ("topic", Wit.String), ("message", _message.Borrow),
                ("options", Wit.Option(_options.Own))), (Store? store, ComponentValue[] args) =>
            {
                var options = Val.ToVariant(args[3]) is ("some", { } handle) ? _options.Take<RequestOptions>(handle) : new RequestOptions();
                return Request(componentId, store, _client.Get<Client>(args[0]).Name, Val.ToText(args[1]), _message.Get<Message>(args[2]), options);
            })
            .Function("reply", Wit.Func(Wit.Result(null, Error), ("reply-to", _message.Borrow), ("message", _message.Own)), (Store? store, ComponentValue[] args) =>
            {
                var original = _message.Get<Message>(args[0]);
                var answer = _message.Take<Message>(args[1]);
                return original.ReplyTo is { } subject
                    ? Send(componentId, store, RequestReplyInstance, null, subject, answer, null)
                    : Failure(new MessagingFailure(MessagingFailureKind.Other, "the message has no reply subject to answer on"));
            });
        types.DefineIn(linker, Version);
        producer.DefineIn(linker, Version);
        requestReply.DefineIn(linker, Version);
    }

    private Message Of(ComponentValue[] args) => _message.Get<Message>(args[0]);

    private ComponentValue? Set(ComponentValue[] args, Action<Message> change)
    {
        change(Of(args));
        return null;
    }

    private static ComponentValue Optional(string? text) => text is null ? Val.None : Val.Some(ComponentValue.String(text));

    private static List<(string, string)> Pairs(ComponentValue list) =>
        Val.ToList(list).Select(p => ((TupleValue)p).Elements is [var key, var value] ? (Val.ToText(key), Val.ToText(value)) : default).ToList();

    /// <summary>The provider a component's client reaches: its link of the current name for the interface, as upstream resolves it.</summary>
    private (WasmCloud.Lattice.Control.Link? Link, MessagingFailure? Failure) Route(string componentId, Store? store, string instance, string? clientName)
    {
        var linkName = LatticeBus.LinkName(store, instance);
        var name = string.IsNullOrEmpty(clientName) ? "default" : clientName;
        if (clientName is not null && name != linkName)
            return (null, new MessagingFailure(MessagingFailureKind.Other, $"mismatch between link name and client connection name, `{name}` != `{linkName}`"));
        var link = host.State.LinksFrom(componentId).FirstOrDefault(l => l is { WitNamespace: "wasmcloud", WitPackage: "messaging" } && l.Name == linkName);
        return link is null
            ? (null, new MessagingFailure(MessagingFailureKind.Other, $"link `{linkName}` not found for wasmcloud:messaging (no link from {componentId} for it; add one with `wash link put`)"))
            : (link, null);
    }

    private ComponentValue Send(string componentId, Store? store, string instance, string? clientName, string topic, Message message, string? replyTo)
    {
        var (link, failure) = Route(componentId, store, instance, clientName);
        if (link is null) return Failure(failure!);
        if (host.Providers.Running.TryGetValue(link.Target, out var provider) && provider is MessagingProvider local)
            return Outcome(GuestWait.For(token => local.PublishAsync(host.State.MergedConfig(link.TargetConfig), topic, message.Data, Headers(message), replyTo, token, confirm: true),
                host.Options.RpcTimeout, host.Stopping));
        if (message.Metadata is { Count: > 0 })
            return Failure(new MessagingFailure(MessagingFailureKind.Other, $"`metadata` cannot reach {link.Target}: it is not on this host, and wasmcloud:messaging@0.2.0 over wRPC carries no headers"));
        return CallConsumer(componentId, link, "publish", MessagingProvider.PublishCodec,
            [MessagingProvider.BrokerMessage(topic, message.Data, replyTo)], _ => Val.Ok());
    }

    private ComponentValue Request(string componentId, Store? store, string clientName, string topic, Message message, RequestOptions options)
    {
        var (link, failure) = Route(componentId, store, RequestReplyInstance, clientName);
        if (link is null) return Failure(failure!);
        // Without a timeout the request waits as long as any call of the component may.
        var timeout = options.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : host.Options.MaxExecutionTime;
        var expected = (int)Math.Clamp(options.ExpectedReplies ?? 1, 1, 10_000);
        if (host.Providers.Running.TryGetValue(link.Target, out var provider) && provider is MessagingProvider local)
        {
            var (replies, problem) = GuestWait.For(token => local.RequestAsync(host.State.MergedConfig(link.TargetConfig), topic, message.Data, Headers(message), timeout, expected, token),
                timeout + host.Options.RpcTimeout, host.Stopping);
            if (problem is not null) return Failure(problem);
            return Val.Ok(new ListValue(replies.Select(r => NewMessage(WasiContext.Of(store), InboundMessage.From(r))).ToList()));
        }
        if (message.Metadata is { Count: > 0 })
            return Failure(new MessagingFailure(MessagingFailureKind.Other, $"`metadata` cannot reach {link.Target}: it is not on this host, and wasmcloud:messaging@0.2.0 over wRPC carries no headers"));
        return CallConsumer(componentId, link, "request", MessagingProvider.RequestCodec,
            [ComponentValue.String(topic), Val.Bytes(message.Data), ComponentValue.U32((uint)Math.Min(timeout.TotalMilliseconds, uint.MaxValue))],
            reply =>
            {
                return Val.Ok(new ListValue([NewMessage(WasiContext.Of(store), InboundMessage.FromBroker(reply!))]));
            });
    }

    /// <summary>0.2.0's consumer on a provider elsewhere; its string error becomes <c>other</c>.</summary>
    private ComponentValue CallConsumer(string componentId, WasmCloud.Lattice.Control.Link link, string function, Wrpc.Encoding.FunctionCodec codec, ComponentValue[] args,
        Func<ComponentValue?, ComponentValue> ok)
    {
        try
        {
            var result = host.Links.CallRemote(componentId, link.Name, link.Target, MessagingProvider.ConsumerInstance, function, codec, args);
            return Val.ToVariant(result!) switch
            {
                ("ok", var payload) => ok(payload),
                (_, var reason) => Failure(new MessagingFailure(MessagingFailureKind.Other, reason is StringValue text ? text.Value : "the provider failed")),
            };
        }
        catch (ComponentException e)
        {
            return Failure(new MessagingFailure(e.Message.Contains("no responders", StringComparison.OrdinalIgnoreCase) ? MessagingFailureKind.Connection : MessagingFailureKind.Other, e.Message));
        }
    }

    private static NatsHeaders? Headers(Message message)
    {
        if (message.Metadata is not { Count: > 0 } pairs) return null;
        var headers = new NatsHeaders();
        foreach (var (key, value) in pairs)
            headers[key] = headers.TryGetValue(key, out var existing) ? Microsoft.Extensions.Primitives.StringValues.Concat(existing, value) : value;
        return headers;
    }

    private static ComponentValue Outcome(MessagingFailure? failure) => failure is null ? Val.Ok() : Failure(failure);

    private static ComponentValue Failure(MessagingFailure failure) => Val.Error(failure.Kind switch
    {
        MessagingFailureKind.Timeout => new VariantValue("timeout", null),
        MessagingFailureKind.Connection => new VariantValue("connection", ComponentValue.String(failure.Message)),
        MessagingFailureKind.PermissionDenied => new VariantValue("permission-denied", ComponentValue.String(failure.Message)),
        _ => new VariantValue("other", ComponentValue.String(failure.Message)),
    });
}
