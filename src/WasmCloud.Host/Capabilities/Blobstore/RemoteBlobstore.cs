using System.Buffers;
using System.IO.Pipelines;
using NATS.Client.Core;
using WasmCloud.Components;
using WasmCloud.Host.Components;
using WasmCloud.Host.Http;
using WasmCloud.Wasi.Preview2;
using WasmCloud.Wrpc;
using WasmCloud.Wrpc.Encoding;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>
/// A blob store a component's link names but that runs on another host (a builtin provider there, or upstream's
/// provider binary): every operation is a call of <c>wrpc:blobstore/blobstore@0.2.0</c>, made as the component,
/// under its link's name, so the provider applies that link's config. Objects read are received whole into a spool
/// file before the guest reads them; objects written stream as the guest's value is read.
/// </summary>
internal sealed class RemoteBlobstore(LatticeHost host, string target, string sourceId, string linkName) : IBlobBackend
{
    private WrpcClient Client => host.Links.Client;
    private string Subject(string function) => WrpcSubjects.Invocation(WrpcSubjects.Prefix(host.Options.Lattice, target), WrpcBlobstore.Instance, function);
    private NatsHeaders Headers => LinkRouter.CallHeaders(sourceId, linkName);

    public Task CreateContainerAsync(string container, CancellationToken cancel) => DoneAsync("create-container", cancel, ComponentValue.String(container));
    public Task DeleteContainerAsync(string container, CancellationToken cancel) => DoneAsync("delete-container", cancel, ComponentValue.String(container));
    public Task ClearContainerAsync(string container, CancellationToken cancel) => DoneAsync("clear-container", cancel, ComponentValue.String(container));

    public async Task<bool> ContainerExistsAsync(string container, CancellationToken cancel) =>
        Val.ToBool((await CallAsync("container-exists", cancel, ComponentValue.String(container)))!);

    public async Task<ulong> ContainerCreatedAtAsync(string container, CancellationToken cancel) =>
        Val.ToU64(((RecordValue)(await CallAsync("get-container-info", cancel, ComponentValue.String(container)))!).Fields[0].Value);

    public async Task<BlobInfo?> ObjectInfoAsync(string container, string name, CancellationToken cancel)
    {
        if (!Val.ToBool((await CallAsync("has-object", cancel, WrpcBlobstore.Id(container, name)))!))
        {
            if (!await ContainerExistsAsync(container, cancel)) throw BlobstoreException.NoContainer(container);
            return null;
        }
        var fields = ((RecordValue)(await CallAsync("get-object-info", cancel, WrpcBlobstore.Id(container, name)))!).Fields;
        return new BlobInfo(Val.ToU64(fields[1].Value), Val.ToU64(fields[0].Value));
    }

    public Task DeleteObjectAsync(string container, string name, CancellationToken cancel) => DoneAsync("delete-object", cancel, WrpcBlobstore.Id(container, name));

    public Task CopyObjectAsync(string fromContainer, string from, string toContainer, string to, CancellationToken cancel) =>
        DoneAsync("copy-object", cancel, WrpcBlobstore.Id(fromContainer, from), WrpcBlobstore.Id(toContainer, to));

    public Task MoveObjectAsync(string fromContainer, string from, string toContainer, string to, CancellationToken cancel) =>
        DoneAsync("move-object", cancel, WrpcBlobstore.Id(fromContainer, from), WrpcBlobstore.Id(toContainer, to));

    public Task<IReadOnlyList<string>> ListObjectsAsync(string container, CancellationToken cancel) => Remote(async () =>
    {
        var parameters = WrpcBlobstore.ListParameters.EncodeParameters([ComponentValue.String(container), Val.None, Val.None]);
        using var call = await Client.OpenAsync(Subject(WrpcBlobstore.ListObjects), parameters, Headers, cancel);
        await call.EndParametersAsync(cancel);
        if (await call.ReadResultsAsync(bytes => WrpcBlobstore.ReadHead(bytes, 2, WrpcBlobstore.ListObjects) ?? "", cancel) is { Length: > 0 } error)
            throw new BlobstoreException(error);
        var names = WrpcBlobstore.ReadNames(await ReadPathAsync(call.ResultPath(WrpcBlobstore.StreamPath), call.ResultTimeout, cancel));
        await ThrowOnFailureAsync(call.ResultPath(WrpcBlobstore.StatusPath), call.ResultTimeout, cancel);
        return (IReadOnlyList<string>)names;
    });

    public Task<Stream> ReadAsync(string container, string name, ulong start, ulong end, CancellationToken cancel) => Remote(async () =>
    {
        var parameters = WrpcBlobstore.GetDataParameters.EncodeParameters([WrpcBlobstore.Id(container, name), Val.U64(start), Val.U64(end)]);
        using var call = await Client.OpenAsync(Subject(WrpcBlobstore.GetData), parameters, Headers, cancel);
        await call.EndParametersAsync(cancel);
        if (await call.ReadResultsAsync(bytes => WrpcBlobstore.ReadHead(bytes, 2, WrpcBlobstore.GetData) ?? "", cancel) is { Length: > 0 } error)
            throw new BlobstoreException(error);
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var writer = PipeWriter.Create(spool, new StreamPipeWriterOptions(leaveOpen: true));
            if (await WrpcByteStream.ReceiveAsync(call.ResultPath(WrpcBlobstore.StreamPath), writer, call.ResultTimeout, cancel) is { } broken)
                throw new BlobstoreException($"reading {container}/{name} from {target} failed: {broken.Message}", broken);
            await ThrowOnFailureAsync(call.ResultPath(WrpcBlobstore.StatusPath), call.ResultTimeout, cancel);
            await spool.FlushAsync(cancel);
            spool.Position = 0;
            return (Stream)spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    });

    public Task WriteAsync(string container, string name, Stream data, CancellationToken cancel) => Remote(async () =>
    {
        var parameters = new ArrayBufferWriter<byte>();
        ValueEncoder.Write(parameters, WrpcBlobstore.ObjectId, WrpcBlobstore.Id(container, name));
        parameters.Write((ReadOnlySpan<byte>)[0]); // data: pending, on its path
        using var call = await Client.OpenAsync(Subject(WrpcBlobstore.WriteData), parameters.WrittenMemory, Headers, cancel);
        var sending = WrpcByteStream.SendAsync(PipeReader.Create(data, new StreamPipeReaderOptions(leaveOpen: true)), call.ParameterPath(WrpcBlobstore.WriteDataPath), cancel);
        await call.EndParametersAsync(cancel);
        if (await call.ReadResultsAsync(bytes => WrpcBlobstore.ReadHead(bytes, 1, WrpcBlobstore.WriteData) ?? "", cancel) is { Length: > 0 } error)
            throw new BlobstoreException(error);
        await sending;
        await ThrowOnFailureAsync(call.ResultPath(WrpcBlobstore.WriteStatusPath), call.ResultTimeout, cancel);
        return true;
    });

    private async Task DoneAsync(string function, CancellationToken cancel, params ComponentValue[] args) => await CallAsync(function, cancel, args);

    /// <summary>A plain function's ok payload (null for none); its error is a <see cref="BlobstoreException"/> with the provider's message.</summary>
    private Task<ComponentValue?> CallAsync(string function, CancellationToken cancel, params ComponentValue[] args) => Remote(async () =>
    {
        var codec = WrpcBlobstore.Plain[function];
        var result = await Client.InvokeAsync(Subject(function), codec.EncodeParameters(args), codec.DecodeResult, Headers, cancel);
        var (outcome, payload) = Val.ToVariant(result[0]);
        return outcome == "ok" ? payload : throw new BlobstoreException(Val.ToText(payload!));
    });

    private static async Task<byte[]> ReadPathAsync(WrpcPathReader path, TimeSpan timeout, CancellationToken cancel)
    {
        var bytes = new ArrayBufferWriter<byte>();
        while (await path.ReadAsync(timeout, cancel) is { } part) bytes.Write(part);
        return bytes.WrittenSpan.ToArray();
    }

    private static async Task ThrowOnFailureAsync(WrpcPathReader status, TimeSpan timeout, CancellationToken cancel)
    {
        if (WrpcBlobstore.ReadStatus(await ReadPathAsync(status, timeout, cancel)) is { } failure) throw new BlobstoreException(failure);
    }

    /// <summary>The transport's failures as the interface's errors, naming the provider.</summary>
    private async Task<T> Remote<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (WrpcNotFoundException)
        {
            throw new BlobstoreException($"the blob store {target} is not running on any host of lattice {host.Options.Lattice}");
        }
        catch (WrpcException e)
        {
            throw new BlobstoreException($"the blob store {target} failed: {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
