using Microsoft.Extensions.Logging;
using WasmCloud.Components;
using WasmCloud.Lattice.Control;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wrpc.Encoding;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>
/// Tells a component of a change to a watched key through its export <c>wasi:keyvalue/watcher@0.2.0-draft</c>
/// (<c>on-set(bucket, key, value)</c>, <c>on-delete(bucket, key)</c>), the bucket a resource the component can go on
/// using. A component on another host is called over wRPC as upstream's providers call watchers
/// (<c>wrpc:keyvalue/watcher@0.2.0-draft</c>, the bucket by name); its host hands the change to the export the same
/// way, with a bucket that reaches back to the provider. A failing watcher costs only its own change.
/// </summary>
internal static class WatcherDelivery
{
    public const string WasiInstance = "wasi:keyvalue/watcher@" + KeyValueOperations.Version;
    public const string WrpcInstance = "wrpc:keyvalue/watcher@" + KeyValueOperations.Version;
    public static readonly FunctionCodec OnSetCodec = new(Wit.Func(null, ("bucket", Wit.String), ("key", Wit.String), ("value", Wit.Bytes)));
    public static readonly FunctionCodec OnDeleteCodec = new(Wit.Func(null, ("bucket", Wit.String), ("key", Wit.String)));

    public static async Task HandAsync(LatticeHost host, string providerId, Link link, IKeyValueBackend backend, string bucket, string key, byte[]? value)
    {
        var function = value is null ? "on-delete" : "on-set";
        try
        {
            if (host.Components.Running.TryGetValue(link.Target, out var component))
                await component.InvokeAsync(WasiInstance, function,
                    context => Arguments(host.KeyValue.NewBucket(context, link.Target, link.Name, bucket, providerId, backend, bucket), key, value), host.Stopping);
            else
                await Task.Run(() => host.Links.CallRemote(providerId, link.Name, link.Target, WrpcInstance, function, value is null ? OnDeleteCodec : OnSetCodec,
                    Arguments(ComponentValue.String(bucket), key, value)));
        }
        catch (Exception e) when (e is not OutOfMemoryException && !host.Stopping.IsCancellationRequested)
        {
            host.Log.LogWarning("watcher {Target} not told of {Function} `{Key}`: {Error}", link.Target, function, key, e.Message);
        }
    }

    /// <summary>A change that came over wRPC, handed to the component on this host; its bucket reaches the provider that sent it.</summary>
    public static Task FromLatticeAsync(LatticeHost host, Components.RunningComponent component, string providerId, string function, ComponentValue[] args, CancellationToken cancel)
    {
        var bucket = Val.ToText(args[0]);
        return component.InvokeAsync(WasiInstance, function,
            context => [host.KeyValue.NewBucket(context, component.Id, "default", bucket, providerId, null, null), .. args[1..]], cancel);
    }

    private static ComponentValue[] Arguments(ComponentValue bucket, string key, byte[]? value) =>
        value is null ? [bucket, ComponentValue.String(key)] : [bucket, ComponentValue.String(key), Val.Bytes(value)];
}
