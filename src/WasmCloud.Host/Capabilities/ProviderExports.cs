using WasmCloud.Components;
using WasmCloud.Host.Providers;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Capabilities;

/// <summary>
/// A builtin provider's function served over wRPC as upstream's providers serve theirs: on
/// <c>{lattice}.{provider}.wrpc.0.0.1.{instance}.{function}</c>, parameters decoded by the function's codec, the
/// caller's link (from its <c>source-id</c> and <c>link-name</c>) giving the config, the answer encoded back.
/// </summary>
internal static class ProviderExports
{
    public static Task<WrpcServer> ServeAsync(LatticeHost host, string providerId, string witNamespace, string witPackage, string instance, string function,
        FunctionCodec codec, Func<ComponentValue[], (string SourceId, IReadOnlyDictionary<string, string> Config), CancellationToken, Task<ComponentValue>> answer,
        CancellationToken cancel)
    {
        var prefix = WrpcSubjects.Prefix(host.Options.Lattice, providerId);
        return WrpcServer.StartAsync(host.Rpc, WrpcSubjects.Invocation(prefix, instance, function), prefix, async (call, token) =>
                codec.EncodeResult(await answer((ComponentValue[])call.Decoded!, CallerLink.Of(host, call, providerId, witNamespace, witPackage), token)),
            host.Log, cancel, bytes => codec.DecodeParameters(bytes));
    }
}
