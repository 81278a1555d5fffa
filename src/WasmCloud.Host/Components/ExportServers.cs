using Microsoft.Extensions.Logging;
using WasmCloud.Components;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Components;

/// <summary>
/// A running component's exported functions served over wRPC on <c>{lattice}.{id}.wrpc.0.0.1.{interface}.{function}</c>,
/// queue group <c>{lattice}.{id}</c> (so every host running the ID shares the calls). Each call is decoded, checked by
/// policy, run in a fresh instance under the component's instance limit, and its result encoded back.
/// </summary>
internal sealed class ExportServers : IAsyncDisposable
{
    private readonly List<WrpcServer> _servers;

    private ExportServers(List<WrpcServer> servers) => _servers = servers;

    public static async Task<ExportServers> StartAsync(LatticeHost host, RunningComponent component, IReadOnlyList<ComponentExports.Function> functions)
    {
        var prefix = WrpcSubjects.Prefix(host.Options.Lattice, component.Id);
        var servers = new List<WrpcServer>();
        var messaging03 = component.Exports(Capabilities.Messaging.MessageDelivery.IncomingHandlerInstance);
        foreach (var function in functions)
        {
            // 0.3.0's handler answers on 0.2.0's subject; a component exporting both is handed messages through 0.3.0.
            if (messaging03 && function.Instance is { } name && ComponentExports.Unversioned(name) == "wasmcloud:messaging/handler") continue;
            var codec = new FunctionCodec(function.Type);
            var operation = $"{function.Instance}.{function.Name}";
            servers.Add(await WrpcServer.StartAsync(host.Rpc, WrpcSubjects.Invocation(prefix, function.Instance, function.Name), prefix, async (call, cancel) =>
            {
                var source = call.Headers?.TryGetValue("source-id", out var id) == true ? id.ToString() : "";
                var decision = await host.Policy.InvokeAsync(source, component.Id, operation, cancel);
                if (!decision.Permitted) throw new InvalidOperationException($"policy denied the invocation: {decision.Message}");
                var result = await component.InvokeAsync(function.Instance, function.Name, (ComponentValue[])call.Decoded!, cancel);
                return codec.EncodeResult(result);
            }, host.Log, host.Stopping, bytes => codec.DecodeParameters(bytes)));
        }
        if (messaging03) servers.Add(await MessageHandlerServer(host, component, prefix));
        if (component.ServesHttp) servers.Add(await Http.WrpcHttpExport.StartAsync(host, component));
        if (servers.Count > 0) host.Log.LogDebug("component {Id} serves {Count} functions over wRPC", component.Id, servers.Count);
        return new ExportServers(servers);
    }

    /// <summary><c>wasmcloud:messaging/handler@0.2.0.handle-message</c> for a component that exports 0.3.0's <c>incoming-handler</c>.</summary>
    private static Task<WrpcServer> MessageHandlerServer(LatticeHost host, RunningComponent component, string prefix)
    {
        var codec = Capabilities.Messaging.MessageDelivery.HandleCodec;
        const string instance = Capabilities.Messaging.MessageDelivery.HandlerInstance;
        return WrpcServer.StartAsync(host.Rpc, WrpcSubjects.Invocation(prefix, instance, "handle-message"), prefix, async (call, cancel) =>
        {
            var source = call.Headers?.TryGetValue("source-id", out var id) == true ? id.ToString() : "";
            var decision = await host.Policy.InvokeAsync(source, component.Id, $"{instance}.handle-message", cancel);
            if (!decision.Permitted) throw new InvalidOperationException($"policy denied the invocation: {decision.Message}");
            var fields = ((RecordValue)((ComponentValue[])call.Decoded!)[0]).Fields;
            var message = new Capabilities.Messaging.InboundMessage(((StringValue)fields[0].Value).Value, Wasi.Preview2.Val.ToBytes(fields[1].Value),
                Wasi.Preview2.Val.ToVariant(fields[2].Value) is ("some", StringValue replyTo) ? replyTo.Value : null, null);
            var result = await Capabilities.Messaging.MessageDelivery.DeliverAsync(host, component, message, cancel);
            // 0.3.0's error is a variant; 0.2.0's caller expects its reason as a string.
            return codec.EncodeResult(result is VariantValue { Case: "error", Payload: var reason }
                ? new VariantValue("error", ComponentValue.String(reason is VariantValue { Payload: StringValue text } ? text.Value : (reason as VariantValue)?.Case ?? "failed"))
                : result);
        }, host.Log, host.Stopping, bytes => codec.DecodeParameters(bytes));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }
}
