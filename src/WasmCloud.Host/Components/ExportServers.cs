using Microsoft.Extensions.Logging;
using WasmCloud.Components;
using WasmCloud.Host.Capabilities.KeyValue;
using WasmCloud.Host.Capabilities.Messaging;
using WasmCloud.Wasi.Preview2;
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
        var messaging03 = component.Exports(MessageDelivery.IncomingHandlerInstance);
        foreach (var function in functions)
        {
            // 0.3.0's handler answers on 0.2.0's subject; a component exporting both is handed messages through 0.3.0.
            if (messaging03 && function.Instance is { } name && ComponentExports.Unversioned(name) == "wasmcloud:messaging/handler") continue;
            servers.Add(await Served(host, component, prefix, function.Instance, function.Name, new FunctionCodec(function.Type),
                (_, args, cancel) => component.InvokeAsync(function.Instance, function.Name, args, cancel)));
        }
        if (messaging03)
            servers.Add(await Served(host, component, prefix, MessageDelivery.HandlerInstance, "handle-message", MessageDelivery.HandleCodec, async (_, args, cancel) =>
            {
                var result = await MessageDelivery.DeliverAsync(host, component, InboundMessage.FromBroker(args[0]), cancel);
                // 0.3.0's error is a variant; 0.2.0's caller expects its reason as a string.
                return result is VariantValue { Case: "error", Payload: var reason } ? Val.Error(ComponentValue.String(MessageDelivery.Describe(reason))) : result;
            }));
        if (component.Exports(WatcherDelivery.WasiInstance))
            foreach (var (function, codec) in new[] { ("on-set", WatcherDelivery.OnSetCodec), ("on-delete", WatcherDelivery.OnDeleteCodec) })
                servers.Add(await Served(host, component, prefix, WatcherDelivery.WrpcInstance, function, codec, async (source, args, cancel) =>
                {
                    await WatcherDelivery.FromLatticeAsync(host, component, source, function, args, cancel);
                    return null;
                }));
        if (component.ServesHttp) servers.Add(await Http.WrpcHttpExport.StartAsync(host, component));
        if (servers.Count > 0) host.Log.LogDebug("component {Id} serves {Count} functions over wRPC", component.Id, servers.Count);
        return new ExportServers(servers);
    }

    /// <summary>One function on its subject: the call decoded, checked by policy (by its caller's <c>source-id</c>), answered, encoded back.</summary>
    private static Task<WrpcServer> Served(LatticeHost host, RunningComponent component, string prefix, string? instance, string function, FunctionCodec codec,
        Func<string, ComponentValue[], CancellationToken, Task<ComponentValue?>> answer)
    {
        var operation = $"{instance}.{function}";
        return WrpcServer.StartAsync(host.Rpc, WrpcSubjects.Invocation(prefix, instance, function), prefix, async (call, cancel) =>
        {
            var source = call.Headers?.TryGetValue("source-id", out var id) == true ? id.ToString() : "";
            var decision = await host.Policy.InvokeAsync(source, component.Id, operation, cancel);
            if (!decision.Permitted) throw new InvalidOperationException($"policy denied the invocation: {decision.Message}");
            return codec.EncodeResult(await answer(source, (ComponentValue[])call.Decoded!, cancel));
        }, host.Log, host.Stopping, bytes => codec.DecodeParameters(bytes));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }
}
