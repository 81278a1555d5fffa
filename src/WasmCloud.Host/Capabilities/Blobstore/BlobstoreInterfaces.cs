using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;
using WasmCloud.Host.Components;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wasm;

namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>
/// <c>wasi:blobstore@0.2.0-draft</c> (<c>blobstore</c>, <c>container</c>, <c>types</c>) as wasmCloud 1.x components
/// import it. Each call follows the component's link for <c>wasi:blobstore</c> (under its current link name): to a
/// blobstore provider on this host, whose store is called in this process, or to any other target over wRPC
/// (<see cref="RemoteBlobstore"/>), as upstream's host calls its providers. Failures are the interface's string
/// errors, naming what was wrong: no link, no such container or object, a name the store cannot hold, a store away.
/// </summary>
internal sealed class BlobstoreInterfaces(LatticeHost host, WasiPreview2 wasi) : ICapabilityInterfaces
{
    public const string Version = "0.2.0-draft";
    private const string BlobstoreInstance = "wasi:blobstore/blobstore@" + Version;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    private readonly HostResource _container = wasi.Resource("container");
    private readonly HostResource _names = wasi.Resource("stream-object-names");
    private readonly HostResource _outgoing = wasi.Resource("outgoing-value");
    private readonly HostResource _incoming = wasi.Resource("incoming-value");

    private static readonly ValType Error = Wit.String;
    private static readonly ValType ObjectId = Wit.Record(("container", Wit.String), ("object", Wit.String));
    private static readonly ValType ContainerMetadata = Wit.Record(("name", Wit.String), ("created-at", Wit.U64));
    private static readonly ValType ObjectMetadata = Wit.Record(("name", Wit.String), ("container", Wit.String), ("created-at", Wit.U64), ("size", Wit.U64));
    private static readonly ComponentValue Done = Val.Ok();

    public void Define(ComponentLinker linker, string componentId)
    {
        var types = new HostInterface("wasi:blobstore/types")
            .ValueTypes("container-name", "object-name", "timestamp", "object-size", "error", "container-metadata", "object-metadata", "object-id",
                "incoming-value-async-body", "incoming-value-sync-body")
            .Resource("input-stream", wasi.InputStream)
            .Resource("output-stream", wasi.OutputStream)
            .Resource("outgoing-value", _outgoing)
            .Resource("incoming-value", _incoming)
            .Function("[static]outgoing-value.new-outgoing-value", Wit.Func(_outgoing.Own), (WasiContext cx, ComponentValue[] _) => _outgoing.New(cx, new OutgoingValue()))
            .Method(_outgoing, "outgoing-value", "outgoing-value-write-body", Wit.Result(wasi.OutputStream.Own, null), [], (cx, args) =>
            {
                var value = _outgoing.Get<OutgoingValue>(args[0]);
                if (value.BodyTaken) return Val.Error(Val.Unit);
                value.BodyTaken = true;
                return Val.Ok(wasi.NewOutputStream(cx, value.Body));
            })
            .Function("[static]outgoing-value.finish", Wit.Func(Wit.Result(null, Error), ("this", _outgoing.Own)), args =>
            {
                using var value = _outgoing.Take<OutgoingValue>(args[0]);
                return Guarded(async cancel =>
                {
                    if (value.Destination is not { } destination) return Done;
                    await destination.Backend.WriteAsync(destination.Container, destination.Name, value.Written(), cancel);
                    return Done;
                });
            })
            .Function("[static]incoming-value.incoming-value-consume-sync", Wit.Func(Wit.Result(Wit.Bytes, Error), ("this", _incoming.Own)), args =>
            {
                using var value = _incoming.Take<IncomingValue>(args[0]);
                return Guarded(async cancel =>
                {
                    var bytes = new MemoryStream();
                    await value.Data.CopyToAsync(bytes, cancel);
                    return Val.Ok(Val.Bytes(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)));
                });
            })
            .Function("[static]incoming-value.incoming-value-consume-async", Wit.Func(Wit.Result(wasi.InputStream.Own, Error), ("this", _incoming.Own)),
                (WasiContext cx, ComponentValue[] args) => Val.Ok(wasi.NewInputStream(cx, _incoming.Take<IncomingValue>(args[0]).Data)))
            .Method(_incoming, "incoming-value", "size", Wit.U64, [], args => Val.U64(_incoming.Get<IncomingValue>(args[0]).Size));

        var container = new HostInterface("wasi:blobstore/container")
            .ValueTypes("container-metadata", "error", "object-metadata", "object-name")
            .Resource("input-stream", wasi.InputStream)
            .Resource("output-stream", wasi.OutputStream)
            .Resource("incoming-value", _incoming)
            .Resource("outgoing-value", _outgoing)
            .Resource("container", _container)
            .Resource("stream-object-names", _names)
            .Method(_container, "container", "name", Wit.Result(Wit.String, Error), [], args => Val.Ok(ComponentValue.String(Open(args[0]).Name)))
            .Method(_container, "container", "info", Wit.Result(ContainerMetadata, Error), [], args => Guarded(async cancel =>
            {
                var open = Open(args[0]);
                return Val.Ok(new RecordValue([("name", ComponentValue.String(open.Name)), ("created-at", Val.U64(await open.Backend.ContainerCreatedAtAsync(open.Name, cancel)))]));
            }))
            .Method(_container, "container", "get-data", Wit.Result(_incoming.Own, Error), [("name", Wit.String), ("start", Wit.U64), ("end", Wit.U64)], (cx, args) => Guarded(async cancel =>
            {
                var open = Open(args[0]);
                var (name, start, end) = (Val.ToText(args[1]), Val.ToU64(args[2]), Val.ToU64(args[3]));
                var info = await open.Backend.ObjectInfoAsync(open.Name, name, cancel) ?? throw BlobstoreException.NoObject(open.Name, name);
                var last = info.Size == 0 ? 0 : Math.Min(end, info.Size - 1);
                var size = info.Size == 0 || start > last ? 0 : last - start + 1;
                var data = size == 0 ? new MemoryStream([], writable: false) : await open.Backend.ReadAsync(open.Name, name, start, last, cancel);
                return Val.Ok(_incoming.New(cx, new IncomingValue(data, size)));
            }))
            .Method(_container, "container", "write-data", Wit.Result(null, Error), [("name", Wit.String), ("data", _outgoing.Borrow)], args => Guarded(async cancel =>
            {
                var open = Open(args[0]);
                if (!await open.Backend.ContainerExistsAsync(open.Name, cancel)) throw BlobstoreException.NoContainer(open.Name);
                _outgoing.Get<OutgoingValue>(args[2]).Destination = (open.Backend, open.Name, Val.ToText(args[1]));
                return Done;
            }))
            .Method(_container, "container", "list-objects", Wit.Result(_names.Own, Error), [], (cx, args) => Guarded(async cancel =>
            {
                var open = Open(args[0]);
                return Val.Ok(_names.New(cx, new ObjectNames(await open.Backend.ListObjectsAsync(open.Name, cancel))));
            }))
            .Method(_container, "container", "delete-object", Wit.Result(null, Error), [("name", Wit.String)], args => Guarded(async cancel =>
            {
                var open = Open(args[0]);
                if (!await open.Backend.ContainerExistsAsync(open.Name, cancel)) throw BlobstoreException.NoContainer(open.Name);
                await open.Backend.DeleteObjectAsync(open.Name, Val.ToText(args[1]), cancel);
                return Done;
            }))
            .Method(_container, "container", "delete-objects", Wit.Result(null, Error), [("names", Wit.List(Wit.String))], args => Guarded(async cancel =>
            {
                var open = Open(args[0]);
                if (!await open.Backend.ContainerExistsAsync(open.Name, cancel)) throw BlobstoreException.NoContainer(open.Name);
                foreach (var name in Val.ToList(args[1])) await open.Backend.DeleteObjectAsync(open.Name, Val.ToText(name), cancel);
                return Done;
            }))
            .Method(_container, "container", "has-object", Wit.Result(Wit.Bool, Error), [("name", Wit.String)], args => Guarded(async cancel =>
            {
                var open = Open(args[0]);
                return Val.Ok(ComponentValue.Bool(await open.Backend.ObjectInfoAsync(open.Name, Val.ToText(args[1]), cancel) is not null));
            }))
            .Method(_container, "container", "object-info", Wit.Result(ObjectMetadata, Error), [("name", Wit.String)], args => Guarded(async cancel =>
            {
                var open = Open(args[0]);
                var name = Val.ToText(args[1]);
                var info = await open.Backend.ObjectInfoAsync(open.Name, name, cancel) ?? throw BlobstoreException.NoObject(open.Name, name);
                return Val.Ok(new RecordValue([("name", ComponentValue.String(name)), ("container", ComponentValue.String(open.Name)),
                    ("created-at", Val.U64(info.CreatedAt)), ("size", Val.U64(info.Size))]));
            }))
            .Method(_container, "container", "clear", Wit.Result(null, Error), [], args => Guarded(async cancel =>
            {
                var open = Open(args[0]);
                await open.Backend.ClearContainerAsync(open.Name, cancel);
                return Done;
            }))
            .Method(_names, "stream-object-names", "read-stream-object-names", Wit.Result(Wit.Tuple(Wit.List(Wit.String), Wit.Bool), Error), [("len", Wit.U64)], args =>
            {
                var (names, ended) = _names.Get<ObjectNames>(args[0]).Read(Val.ToU64(args[1]));
                return Val.Ok(new TupleValue([new ListValue(names.Select(ComponentValue.String).ToArray()), ComponentValue.Bool(ended)]));
            })
            .Method(_names, "stream-object-names", "skip-stream-object-names", Wit.Result(Wit.Tuple(Wit.U64, Wit.Bool), Error), [("num", Wit.U64)], args =>
            {
                var (skipped, ended) = _names.Get<ObjectNames>(args[0]).Skip(Val.ToU64(args[1]));
                return Val.Ok(new TupleValue([Val.U64(skipped), ComponentValue.Bool(ended)]));
            });

        var blobstore = new HostInterface("wasi:blobstore/blobstore")
            .ValueTypes("container-name", "error", "object-id")
            .Resource("container", _container)
            .Function("create-container", Wit.Func(Wit.Result(_container.Own, Error), ("name", Wit.String)), (Store? s, ComponentValue[] args) => Guarded(async cancel =>
            {
                var backend = await BackendAsync(componentId, s, cancel);
                var name = Val.ToText(args[0]);
                await backend.CreateContainerAsync(name, cancel);
                return Val.Ok(_container.New(WasiContext.Of(s), new OpenContainer(backend, name)));
            }))
            .Function("get-container", Wit.Func(Wit.Result(_container.Own, Error), ("name", Wit.String)), (Store? s, ComponentValue[] args) => Guarded(async cancel =>
            {
                var backend = await BackendAsync(componentId, s, cancel);
                var name = Val.ToText(args[0]);
                if (!await backend.ContainerExistsAsync(name, cancel)) throw BlobstoreException.NoContainer(name);
                return Val.Ok(_container.New(WasiContext.Of(s), new OpenContainer(backend, name)));
            }))
            .Function("delete-container", Wit.Func(Wit.Result(null, Error), ("name", Wit.String)), (Store? s, ComponentValue[] args) => Guarded(async cancel =>
            {
                await (await BackendAsync(componentId, s, cancel)).DeleteContainerAsync(Val.ToText(args[0]), cancel);
                return Done;
            }))
            .Function("container-exists", Wit.Func(Wit.Result(Wit.Bool, Error), ("name", Wit.String)), (Store? s, ComponentValue[] args) => Guarded(async cancel =>
                Val.Ok(ComponentValue.Bool(await (await BackendAsync(componentId, s, cancel)).ContainerExistsAsync(Val.ToText(args[0]), cancel)))))
            .Function("copy-object", Wit.Func(Wit.Result(null, Error), ("src", ObjectId), ("dest", ObjectId)), (Store? s, ComponentValue[] args) => Guarded(async cancel =>
            {
                var ((fromContainer, from), (toContainer, to)) = (Id(args[0]), Id(args[1]));
                await (await BackendAsync(componentId, s, cancel)).CopyObjectAsync(fromContainer, from, toContainer, to, cancel);
                return Done;
            }))
            .Function("move-object", Wit.Func(Wit.Result(null, Error), ("src", ObjectId), ("dest", ObjectId)), (Store? s, ComponentValue[] args) => Guarded(async cancel =>
            {
                var ((fromContainer, from), (toContainer, to)) = (Id(args[0]), Id(args[1]));
                await (await BackendAsync(componentId, s, cancel)).MoveObjectAsync(fromContainer, from, toContainer, to, cancel);
                return Done;
            }));

        types.DefineIn(linker, Version);
        container.DefineIn(linker, Version);
        blobstore.DefineIn(linker, Version);
    }

    private OpenContainer Open(ComponentValue handle) => _container.Get<OpenContainer>(handle);

    private static (string Container, string Object) Id(ComponentValue id)
    {
        var fields = ((RecordValue)id).Fields;
        return (Val.ToText(fields[0].Value), Val.ToText(fields[1].Value));
    }

    /// <summary>The store the component's current <c>wasi:blobstore</c> link reaches.</summary>
    private async Task<IBlobBackend> BackendAsync(string componentId, Store? store, CancellationToken cancel)
    {
        var linkName = LatticeBus.LinkName(store, BlobstoreInstance);
        var link = host.Links.LinkFor(componentId, linkName, BlobstoreInstance)
            ?? throw new BlobstoreException($"no link `{linkName}` from {componentId} for wasi:blobstore (add one with `wash link put`)");
        if (host.Providers.Running.TryGetValue(link.Target, out var provider) && provider is BlobstoreProvider blobs)
            return await blobs.OpenAsync(componentId, host.State.MergedConfig(link.TargetConfig), cancel);
        return new RemoteBlobstore(host, link.Target, componentId, linkName);
    }

    /// <summary>
    /// Runs one store operation for a guest, which waits on its own thread (an import is a synchronous call); the
    /// store's refusals and failures become the interface's error.
    /// </summary>
    private ComponentValue Guarded(Func<CancellationToken, Task<ComponentValue>> operation)
    {
        try
        {
            return GuestWait.For(operation, CallTimeout, host.Stopping);
        }
        catch (BlobstoreException e)
        {
            return Val.Error(ComponentValue.String(e.Message));
        }
        catch (IOException e)
        {
            return Val.Error(ComponentValue.String($"the blob store failed: {e.Message}"));
        }
        catch (UnauthorizedAccessException e)
        {
            return Val.Error(ComponentValue.String($"the blob store refused: {e.Message}"));
        }
        catch (TimeoutException e)
        {
            return Val.Error(ComponentValue.String($"the blob store {e.Message}"));
        }
    }
}
