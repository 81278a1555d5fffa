using System.Collections.Frozen;
using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Host.Components;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;
using WasmCloud.Wrpc.Encoding;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>
/// <c>wasi:keyvalue@0.2.0-draft</c> (<c>store</c>, <c>atomics</c>, <c>batch</c>) as components import it. <c>open</c>
/// follows the component's link for <c>wasi:keyvalue</c> (under its current link name): to a key-value provider on
/// this host, whose backend is called in this process; to any other target over wRPC as upstream's host does
/// (<c>wrpc:keyvalue/*@0.2.0-draft</c>, the bucket by name, headers <c>source-id</c> and <c>link-name</c>). Failures
/// are the interface's errors: <c>no-such-store</c> without a link, <c>other</c> with the reason otherwise.
/// </summary>
internal sealed class KeyValueInterfaces(LatticeHost host, WasiPreview2 wasi) : ICapabilityInterfaces
{
    private const string StoreInstance = "wasi:keyvalue/store@" + KeyValueOperations.Version;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly HostResource _bucket = wasi.Resource("bucket");
    private readonly FrozenDictionary<KeyValueOperations.Operation, FunctionCodec> _codecs =
        KeyValueOperations.All.ToFrozenDictionary(o => o, o => new FunctionCodec(o.WrpcType));

    /// <summary>An open bucket: a backend on this host, or a target elsewhere that gets the bucket's name with each call.</summary>
    private sealed record OpenBucket(string ComponentId, string LinkName, string Identifier, string Target, IKeyValueBackend? Backend, string? Bucket);

    /// <summary>A bucket handle for the guest of <paramref name="context"/>: on a backend of this host, or reached through <paramref name="target"/>.</summary>
    public ComponentValue NewBucket(WasiContext context, string componentId, string linkName, string identifier, string target, IKeyValueBackend? backend, string? bucket) =>
        _bucket.New(context, new OpenBucket(componentId, linkName, identifier, target, backend, bucket));

    public void Define(ComponentLinker linker, string componentId)
    {
        var store = new HostInterface("wasi:keyvalue/store")
            .ValueTypes("error", "key-response")
            .Resource("bucket", _bucket)
            .Function("open", Wit.Func(Wit.Result(_bucket.Own, KeyValueOperations.Error), ("identifier", Wit.String)), (Store? s, ComponentValue[] args) =>
            {
                try
                {
                    return Val.Ok(_bucket.New(WasiContext.Of(s), Open(componentId, LatticeBus.LinkName(s, StoreInstance), Val.ToText(args[0]))));
                }
                catch (KeyValueException e)
                {
                    return KeyValueOperations.Failure(e);
                }
            });
        var atomics = new HostInterface("wasi:keyvalue/atomics").Resource("bucket", _bucket).ValueTypes("error");
        var batch = new HostInterface("wasi:keyvalue/batch").Resource("bucket", _bucket).ValueTypes("error");
        foreach (var operation in KeyValueOperations.All)
        {
            Func<ComponentValue[], ComponentValue?> body = args => Invoke(operation, args[0], args[1..]);
            if (operation.Interface == "store") store.Method(_bucket, "bucket", operation.Name, operation.Result, operation.Parameters, body);
            else (operation.Interface == "atomics" ? atomics : batch)
                .Function(operation.Name, Wit.Func(operation.Result, [("bucket", _bucket.Borrow), .. operation.Parameters]), body);
        }
        store.DefineIn(linker, KeyValueOperations.Version);
        atomics.DefineIn(linker, KeyValueOperations.Version);
        batch.DefineIn(linker, KeyValueOperations.Version);
    }

    private OpenBucket Open(string componentId, string linkName, string identifier)
    {
        var link = host.Links.LinkFor(componentId, linkName, StoreInstance)
            ?? throw new KeyValueException(KeyValueError.NoSuchStore, $"no link `{linkName}` from {componentId} for wasi:keyvalue (add one with `wash link put`)");
        if (host.Providers.Running.TryGetValue(link.Target, out var provider) && provider is KeyValueProvider keyValue)
        {
            // The guest waits on its own thread: an import is a synchronous call.
            var (backend, bucket) = keyValue.OpenAsync(identifier, host.State.MergedConfig(link.TargetConfig), host.Stopping).GetAwaiter().GetResult();
            return new OpenBucket(componentId, linkName, identifier, link.Target, backend, bucket);
        }
        return new OpenBucket(componentId, linkName, identifier, link.Target, null, null);
    }

    /// <summary>One call for a guest, which waits on its own thread (an import is a synchronous call).</summary>
    private ComponentValue Invoke(KeyValueOperations.Operation operation, ComponentValue handle, ComponentValue[] args)
    {
        var bucket = _bucket.Get<OpenBucket>(handle);
        if (bucket.Backend is not { } backend)
        {
            try
            {
                return host.Links.CallRemote(bucket.ComponentId, bucket.LinkName, bucket.Target, operation.WrpcInstance, operation.Name, _codecs[operation],
                    [ComponentValue.String(bucket.Identifier), .. args]) ?? Val.Ok();
            }
            catch (ComponentException e)
            {
                return KeyValueOperations.Failure(new KeyValueException(KeyValueError.Other, e.Message));
            }
        }
        try
        {
            return GuestWait.For(token => KeyValueOperations.AnswerAsync(operation, () => Task.FromResult((backend, bucket.Bucket!)), args, token), CallTimeout, host.Stopping);
        }
        catch (TimeoutException e)
        {
            return KeyValueOperations.Failure(new KeyValueException(KeyValueError.Other, $"the key-value backend {e.Message}"));
        }
    }
}
