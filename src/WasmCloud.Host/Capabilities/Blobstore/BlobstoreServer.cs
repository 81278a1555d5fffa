using System.Buffers;
using System.IO.Pipelines;
using WasmCloud.Components;
using WasmCloud.Host.Http;
using WasmCloud.Host.Providers;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>
/// A blobstore provider's <c>wrpc:blobstore/blobstore@0.2.0</c> on <c>{lattice}.{id}</c>, as upstream's providers
/// serve it, so components on other hosts (ours or upstream's) reach it; the caller's link gives the config.
/// </summary>
internal static class BlobstoreServer
{
    public static async Task<List<WrpcServer>> StartAsync(LatticeHost host, BlobstoreProvider provider, CancellationToken cancel)
    {
        var prefix = WrpcSubjects.Prefix(host.Options.Lattice, provider.Id);
        string Subject(string function) => WrpcSubjects.Invocation(prefix, WrpcBlobstore.Instance, function);
        async Task<IBlobBackend> Backend(WrpcInvocation call, CancellationToken token)
        {
            var (source, config) = CallerLink.Of(host, call, provider.Id, "wasi", "blobstore");
            return await provider.OpenAsync(source, config, token);
        }
        var servers = new List<WrpcServer>();
        foreach (var (function, codec) in WrpcBlobstore.Plain)
        {
            servers.Add(await WrpcServer.StartAsync(host.Rpc, Subject(function), prefix, async (call, token) =>
            {
                var args = (ComponentValue[])call.Decoded!;
                ComponentValue result;
                try
                {
                    result = await AnswerAsync(function, await Backend(call, token), args, token);
                }
                catch (BlobstoreException e)
                {
                    result = Val.Error(ComponentValue.String(e.Message));
                }
                return codec.EncodeResult(result);
            }, host.Log, cancel, bytes => codec.DecodeParameters(bytes)));
        }

        servers.Add(await WrpcServer.StartStreamingAsync(host.Rpc, Subject(WrpcBlobstore.ListObjects), prefix, async (call, token) =>
        {
            var args = (ComponentValue[])call.Decoded!;
            IReadOnlyList<string> names;
            try
            {
                names = await (await Backend(call, token)).ListObjectsAsync(Val.ToText(args[0]), token);
            }
            catch (BlobstoreException e)
            {
                return new WrpcReply(WrpcBlobstore.Failure(e.Message));
            }
            // offset and limit, as upstream's providers apply them.
            var offset = Val.ToVariant(args[2]).Payload is { } skip ? (int)Math.Min(Val.ToU64(skip), int.MaxValue) : 0;
            var limit = Val.ToVariant(args[1]).Payload is { } most ? (int)Math.Min(Val.ToU64(most), int.MaxValue) : int.MaxValue;
            var page = names.Skip(offset).Take(limit).ToList();
            return new WrpcReply(WrpcBlobstore.PendingOk(2), async deferredCancel =>
            {
                var stream = call.ResultPath(WrpcBlobstore.StreamPath);
                foreach (var chunk in page.Chunk(256)) await stream.WriteAsync(WrpcBlobstore.NameChunk(chunk), deferredCancel);
                await stream.WriteAsync(WrpcBlobstore.NameChunk([]), deferredCancel);
                await stream.CompleteAsync(deferredCancel);
                await SendStatusAsync(call.ResultPath(WrpcBlobstore.StatusPath), null, deferredCancel);
            });
        }, host.Log, cancel, bytes => WrpcBlobstore.ListParameters.DecodeParameters(bytes)));

        servers.Add(await WrpcServer.StartStreamingAsync(host.Rpc, Subject(WrpcBlobstore.GetData), prefix, async (call, token) =>
        {
            var args = (ComponentValue[])call.Decoded!;
            var (container, name) = WrpcBlobstore.Id(args[0]);
            Stream data;
            try
            {
                data = await (await Backend(call, token)).ReadAsync(container, name, Val.ToU64(args[1]), Val.ToU64(args[2]), token);
            }
            catch (BlobstoreException e)
            {
                return new WrpcReply(WrpcBlobstore.Failure(e.Message));
            }
            return new WrpcReply(WrpcBlobstore.PendingOk(2), async deferredCancel =>
            {
                string? failure = null;
                await using (data)
                {
                    try
                    {
                        await WrpcByteStream.SendAsync(PipeReader.Create(data), call.ResultPath(WrpcBlobstore.StreamPath), deferredCancel);
                    }
                    catch (IOException e)
                    {
                        failure = $"reading {container}/{name} failed: {e.Message}";
                    }
                }
                await SendStatusAsync(call.ResultPath(WrpcBlobstore.StatusPath), failure, deferredCancel);
            });
        }, host.Log, cancel, bytes => WrpcBlobstore.GetDataParameters.DecodeParameters(bytes)));

        servers.Add(await WrpcServer.StartStreamingAsync(host.Rpc, Subject(WrpcBlobstore.WriteData), prefix, async (call, token) =>
        {
            var (id, readyData) = ((ComponentValue, byte[]?))call.Decoded!;
            var (container, name) = WrpcBlobstore.Id(id);
            IBlobBackend backend;
            try
            {
                backend = await Backend(call, token);
            }
            catch (BlobstoreException e)
            {
                return new WrpcReply(WrpcBlobstore.Failure(e.Message));
            }
            return new WrpcReply(WrpcBlobstore.PendingOk(1), async deferredCancel =>
            {
                string? failure = null;
                var pipe = new Pipe();
                var receiving = readyData is null
                    ? WrpcByteStream.ReceiveAsync(call.ParameterPath(WrpcBlobstore.WriteDataPath), pipe.Writer, host.Options.MaxExecutionTime, deferredCancel)
                    : WriteAllAsync(pipe.Writer, readyData);
                try
                {
                    await backend.WriteAsync(container, name, pipe.Reader.AsStream(), deferredCancel);
                }
                catch (Exception e) when (e is BlobstoreException or IOException or WrpcException)
                {
                    failure = e.Message;
                }
                await pipe.Reader.CompleteAsync();
                await receiving;
                await SendStatusAsync(call.ResultPath(WrpcBlobstore.WriteStatusPath), failure, deferredCancel);
            });
        }, host.Log, cancel, DecodeWriteParameters));
        return servers;
    }

    private static async Task<ComponentValue> AnswerAsync(string function, IBlobBackend backend, ComponentValue[] args, CancellationToken cancel)
    {
        var done = Val.Ok();
        switch (function)
        {
            case "clear-container":
                await backend.ClearContainerAsync(Val.ToText(args[0]), cancel);
                return done;
            case "container-exists":
                return Val.Ok(ComponentValue.Bool(await backend.ContainerExistsAsync(Val.ToText(args[0]), cancel)));
            case "create-container":
                await backend.CreateContainerAsync(Val.ToText(args[0]), cancel);
                return done;
            case "delete-container":
                await backend.DeleteContainerAsync(Val.ToText(args[0]), cancel);
                return done;
            case "get-container-info":
                return Val.Ok(new RecordValue([("created-at", Val.U64(await backend.ContainerCreatedAtAsync(Val.ToText(args[0]), cancel)))]));
            case "copy-object" or "move-object":
            {
                var ((fromContainer, from), (toContainer, to)) = (WrpcBlobstore.Id(args[0]), WrpcBlobstore.Id(args[1]));
                if (function == "copy-object") await backend.CopyObjectAsync(fromContainer, from, toContainer, to, cancel);
                else await backend.MoveObjectAsync(fromContainer, from, toContainer, to, cancel);
                return done;
            }
            case "delete-object":
            {
                var (container, name) = WrpcBlobstore.Id(args[0]);
                if (!await backend.ContainerExistsAsync(container, cancel)) throw BlobstoreException.NoContainer(container);
                await backend.DeleteObjectAsync(container, name, cancel);
                return done;
            }
            case "delete-objects":
            {
                var container = Val.ToText(args[0]);
                if (!await backend.ContainerExistsAsync(container, cancel)) throw BlobstoreException.NoContainer(container);
                foreach (var name in Val.ToList(args[1])) await backend.DeleteObjectAsync(container, Val.ToText(name), cancel);
                return done;
            }
            case "get-object-info":
            {
                var (container, name) = WrpcBlobstore.Id(args[0]);
                var info = await backend.ObjectInfoAsync(container, name, cancel) ?? throw BlobstoreException.NoObject(container, name);
                return Val.Ok(new RecordValue([("created-at", Val.U64(info.CreatedAt)), ("size", Val.U64(info.Size))]));
            }
            case "has-object":
            {
                var (container, name) = WrpcBlobstore.Id(args[0]);
                return Val.Ok(ComponentValue.Bool(await backend.ObjectInfoAsync(container, name, cancel) is not null));
            }
            default:
                throw new BlobstoreException($"{function} is not a function of {WrpcBlobstore.Instance}");
        }
    }

    /// <summary><c>(id: object-id, data: stream&lt;u8&gt;)</c>: the id, and the data when it came whole in the parameters (null: it follows on its path).</summary>
    private static object DecodeWriteParameters(ReadOnlyMemory<byte> bytes)
    {
        var input = bytes.Span;
        int position = 0;
        var id = ValueDecoder.Read(input, ref position, WrpcBlobstore.ObjectId, "id");
        var data = ValueDecoder.ReadBytes(input, ref position, "data");
        var ready = data.IsEmpty ? null : data.ToArray();
        if (position != input.Length) throw new WrpcDecodeException($"{input.Length - position} bytes are left over after the last value");
        return (id, ready);
    }

    private static async Task WriteAllAsync(PipeWriter destination, byte[] data)
    {
        await destination.WriteAsync(data);
        await destination.CompleteAsync();
    }

    private static async Task SendStatusAsync(WrpcPathWriter path, string? failure, CancellationToken cancel)
    {
        await path.WriteAsync(WrpcBlobstore.Status(failure), cancel);
        await path.CompleteAsync(cancel);
    }
}
