using Microsoft.Extensions.Logging;
using WasmCloud.Components;
using WasmCloud.Host.Components;
using WasmCloud.Lattice.Control;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wrpc.Encoding;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>
/// Hands a message to the component a handler link names: to <c>wasmcloud:messaging/incoming-handler@0.3.0.handle</c>
/// when the component exports it (the message as a resource, headers as its metadata), else to
/// <c>wasmcloud:messaging/handler@0.2.0.handle-message</c>. A component on another host is called over wRPC with
/// 0.2.0's <c>handle-message</c>, as upstream's providers call it; that host turns it into 0.3.0 where needed.
/// A failing or trapping handler costs only its own message.
/// </summary>
internal static class MessageDelivery
{
    public const string HandlerInstance = "wasmcloud:messaging/handler@0.2.0";
    public const string IncomingHandlerInstance = "wasmcloud:messaging/incoming-handler@0.3.0";
    public static readonly FunctionCodec HandleCodec = new(Wit.Func(Wit.Result(null, Wit.String), ("msg", MessagingProvider.Message)));

    public static async Task HandAsync(LatticeHost host, string providerId, Link link, InboundMessage message)
    {
        try
        {
            var result = host.Components.Running.TryGetValue(link.Target, out var component)
                ? await DeliverAsync(host, component, message, host.Stopping)
                : await Task.Run(() => host.Links.CallRemote(providerId, link.Name, link.Target, HandlerInstance, "handle-message", HandleCodec, [BrokerMessage(message)]));
            if (result is VariantValue { Case: "error", Payload: var reason })
                host.Log.LogWarning("component {Target} failed to handle a message on {Subject}: {Reason}", link.Target, message.Subject, Describe(reason));
        }
        catch (Exception e) when (e is not OutOfMemoryException && !host.Stopping.IsCancellationRequested)
        {
            host.Log.LogWarning("message on {Subject} for {Target} not handled: {Error}", message.Subject, link.Target, e.Message);
        }
    }

    /// <summary>Calls the component on this host, through whichever messaging version it exports.</summary>
    public static Task<ComponentValue?> DeliverAsync(LatticeHost host, RunningComponent component, InboundMessage message, CancellationToken cancel) =>
        component.Exports(IncomingHandlerInstance)
            ? component.InvokeAsync(IncomingHandlerInstance, "handle", context => [host.Messaging.NewMessage(context, message)], cancel)
            : component.InvokeAsync(HandlerInstance, "handle-message", _ => [BrokerMessage(message)], cancel);

    public static ComponentValue BrokerMessage(InboundMessage message) => MessagingProvider.BrokerMessage(message.Subject, message.Body, message.ReplyTo);

    /// <summary>0.2.0's error is a string; 0.3.0's a variant whose payload, when it has one, is the reason.</summary>
    public static string Describe(ComponentValue? reason) => reason switch
    {
        StringValue text => text.Value,
        VariantValue { Case: var kind, Payload: StringValue text } => $"{kind}: {text.Value}",
        VariantValue { Case: var kind } => kind,
        _ => "(no reason given)",
    };
}
