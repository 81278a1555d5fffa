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
        foreach (var function in functions)
        {
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
        if (component.ServesHttp) servers.Add(await Http.WrpcHttpExport.StartAsync(host, component));
        if (servers.Count > 0) host.Log.LogDebug("component {Id} serves {Count} functions over wRPC", component.Id, servers.Count);
        return new ExportServers(servers);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }
}
