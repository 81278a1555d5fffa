using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Host.Components;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>
/// <c>wasi:keyvalue@0.2.0-draft</c> (<c>store</c>, <c>atomics</c>, <c>batch</c>) as components import it. <c>open</c>
/// follows the component's link for <c>wasi:keyvalue</c> (under its current link name) to a key-value provider on
/// this host and opens the bucket the link's config names; every other call goes to that bucket. Failures are the
/// interface's errors: <c>no-such-store</c> without a link, <c>other</c> with the reason otherwise.
/// </summary>
internal sealed class KeyValueInterfaces(LatticeHost host, WasiPreview2 wasi)
{
    public const string Version = "0.2.0-draft";
    private const string StoreInstance = "wasi:keyvalue/store@" + Version;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly HostResource _bucket = wasi.Resource("bucket");

    private sealed record OpenBucket(IKeyValueBackend Backend, string Name);

    public void Define(ComponentLinker linker, string componentId)
    {
        var error = Wit.Variant(("no-such-store", null), ("access-denied", null), ("other", Wit.String));
        var keyResponse = Wit.Record(("keys", Wit.List(Wit.String)), ("cursor", Wit.Option(Wit.U64)));
        var store = new HostInterface("wasi:keyvalue/store")
            .ValueTypes("error", "key-response")
            .Resource("bucket", _bucket)
            .Function("open", Wit.Func(Wit.Result(_bucket.Own, error), ("identifier", Wit.String)), (Store? s, ComponentValue[] args) =>
                Call(() => _bucket.New(WasiContext.Of(s), Open(componentId, LatticeBus.LinkName(s, StoreInstance), Val.ToText(args[0])))));
        store
            .Method(_bucket, "bucket", "get", Wit.Result(Wit.Option(Wit.Bytes), error), [("key", Wit.String)], args =>
                Call(() => Run(args[0], (b, c) => b.Backend.GetAsync(b.Name, Val.ToText(args[1]), c)) is { } value ? Val.Some(Val.Bytes(value)) : Val.None))
            .Method(_bucket, "bucket", "set", Wit.Result(null, error), [("key", Wit.String), ("value", Wit.Bytes)], args =>
                Call(() =>
                {
                    Run(args[0], async (b, c) => { await b.Backend.SetAsync(b.Name, Val.ToText(args[1]), Val.ToBytes(args[2]), c); return true; });
                    return null;
                }))
            .Method(_bucket, "bucket", "delete", Wit.Result(null, error), [("key", Wit.String)], args =>
                Call(() =>
                {
                    Run(args[0], async (b, c) => { await b.Backend.DeleteAsync(b.Name, Val.ToText(args[1]), c); return true; });
                    return null;
                }))
            .Method(_bucket, "bucket", "exists", Wit.Result(Wit.Bool, error), [("key", Wit.String)], args =>
                Call(() => ComponentValue.Bool(Run(args[0], (b, c) => b.Backend.ExistsAsync(b.Name, Val.ToText(args[1]), c)))))
            .Method(_bucket, "bucket", "list-keys", Wit.Result(keyResponse, error), [("cursor", Wit.Option(Wit.U64))], args =>
                Call(() =>
                {
                    var cursor = Val.ToVariant(args[1]) is ("some", { } at) ? Val.ToU64(at) : (ulong?)null;
                    var (keys, next) = Run(args[0], (b, c) => b.Backend.ListKeysAsync(b.Name, cursor, c));
                    return new RecordValue([("keys", new ListValue(keys.Select(ComponentValue.String).ToList())), ("cursor", next is { } n ? Val.Some(Val.U64(n)) : Val.None)]);
                }))
            .DefineIn(linker, Version);
        new HostInterface("wasi:keyvalue/atomics")
            .Resource("bucket", _bucket)
            .ValueTypes("error")
            .Function("increment", Wit.Func(Wit.Result(Wit.U64, error), ("bucket", _bucket.Borrow), ("key", Wit.String), ("delta", Wit.U64)), args =>
                Call(() => Val.U64(Run(args[0], (b, c) => b.Backend.IncrementAsync(b.Name, Val.ToText(args[1]), Val.ToU64(args[2]), c)))))
            .DefineIn(linker, Version);
        var pair = Wit.Tuple(Wit.String, Wit.Bytes);
        new HostInterface("wasi:keyvalue/batch")
            .Resource("bucket", _bucket)
            .ValueTypes("error")
            .Function("get-many", Wit.Func(Wit.Result(Wit.List(Wit.Option(pair)), error), ("bucket", _bucket.Borrow), ("keys", Wit.List(Wit.String))), args =>
                Call(() => new ListValue(Val.ToList(args[1]).Select(Val.ToText).Select(key =>
                    Run(args[0], (b, c) => b.Backend.GetAsync(b.Name, key, c)) is { } value
                        ? Val.Some(new TupleValue([ComponentValue.String(key), Val.Bytes(value)]))
                        : Val.None).ToList())))
            .Function("set-many", Wit.Func(Wit.Result(null, error), ("bucket", _bucket.Borrow), ("key-values", Wit.List(pair))), args =>
                Call(() =>
                {
                    foreach (var entry in Val.ToList(args[1]).Cast<TupleValue>())
                        Run(args[0], async (b, c) => { await b.Backend.SetAsync(b.Name, Val.ToText(entry.Elements[0]), Val.ToBytes(entry.Elements[1]), c); return true; });
                    return null;
                }))
            .Function("delete-many", Wit.Func(Wit.Result(null, error), ("bucket", _bucket.Borrow), ("keys", Wit.List(Wit.String))), args =>
                Call(() =>
                {
                    foreach (var key in Val.ToList(args[1]).Select(Val.ToText))
                        Run(args[0], async (b, c) => { await b.Backend.DeleteAsync(b.Name, key, c); return true; });
                    return null;
                }))
            .DefineIn(linker, Version);
    }

    private OpenBucket Open(string componentId, string linkName, string identifier)
    {
        var link = host.Links.LinkFor(componentId, linkName, StoreInstance)
            ?? throw new KeyValueException(KeyValueError.NoSuchStore, $"no link `{linkName}` from {componentId} for wasi:keyvalue (add one with `wash link put`)");
        if (!host.Providers.Running.TryGetValue(link.Target, out var provider) || provider is not KeyValueProvider keyValue)
            throw new KeyValueException(KeyValueError.Other, $"the key-value provider `{link.Target}` does not run on this host (a key-value provider on another host is not reachable yet)");
        var (backend, bucket) = keyValue.Open(identifier, host.State.MergedConfig(link.TargetConfig), host.Stopping);
        return new OpenBucket(backend, bucket);
    }

    /// <summary>Runs one backend call for a guest, which waits on its own thread (an import is a synchronous call).</summary>
    private T Run<T>(ComponentValue handle, Func<OpenBucket, CancellationToken, Task<T>> operation)
    {
        var bucket = _bucket.Get<OpenBucket>(handle);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(host.Stopping);
        timeout.CancelAfter(CallTimeout);
        try
        {
            return operation(bucket, timeout.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!host.Stopping.IsCancellationRequested)
        {
            throw new KeyValueException(KeyValueError.Other, $"the key-value backend did not answer within {CallTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>The call's result as <c>ok(value)</c>, or its failure as the interface's error.</summary>
    private static ComponentValue Call(Func<ComponentValue?> body)
    {
        try
        {
            return Val.Ok(body());
        }
        catch (KeyValueException e)
        {
            return Val.Error(e.Error switch
            {
                KeyValueError.NoSuchStore => new VariantValue("no-such-store", null),
                KeyValueError.AccessDenied => new VariantValue("access-denied", null),
                _ => new VariantValue("other", ComponentValue.String(e.Message)),
            });
        }
    }
}
