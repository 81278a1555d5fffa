using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.ObjectStore;

namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>
/// <c>blobstore-nats</c>: containers are NATS JetStream object stores (bucket = container), objects are their
/// objects. Container names must be what JetStream allows in a bucket name (letters, digits, <c>-</c>, <c>_</c>).
/// <paramref name="owned"/> is a connection of the backend's own (a link's <c>cluster_uri</c>), closed with it.
/// </summary>
internal sealed class NatsBlobstore(INatsConnection nats, NatsConnection? owned, string? domain, NatsObjConfig template) : IBlobBackend
{
    private readonly NatsJSContext _js = new((NatsConnection)nats, new NatsJSOpts(((NatsConnection)nats).Opts, domain));
    private NatsObjContext Objects => new(_js);

    public async Task CreateContainerAsync(string container, CancellationToken cancel)
    {
        Check(container);
        if (await ContainerExistsAsync(container, cancel)) throw new BlobstoreException($"container `{container}` already exists");
        await Run(() => Objects.CreateObjectStoreAsync(template with { Bucket = container }, cancel).AsTask());
    }

    public async Task DeleteContainerAsync(string container, CancellationToken cancel)
    {
        await StoreAsync(container, cancel);
        await Run(() => Objects.DeleteObjectStore(container, cancel).AsTask());
    }

    public async Task<bool> ContainerExistsAsync(string container, CancellationToken cancel)
    {
        Check(container);
        try
        {
            await _js.GetStreamAsync(StreamName(container), cancellationToken: cancel);
            return true;
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return false;
        }
        catch (NatsException e)
        {
            throw Unreachable(e);
        }
    }

    public async Task<ulong> ContainerCreatedAtAsync(string container, CancellationToken cancel)
    {
        Check(container);
        var stream = await Existing(container, () => _js.GetStreamAsync(StreamName(container), cancellationToken: cancel).AsTask());
        return (ulong)Math.Max(0, stream.Info.Created.ToUnixTimeSeconds());
    }

    public async Task<IReadOnlyList<string>> ListObjectsAsync(string container, CancellationToken cancel)
    {
        var store = await StoreAsync(container, cancel);
        var names = new List<string>();
        await Run(async () =>
        {
            await foreach (var entry in store.ListAsync(new NatsObjListOpts(), cancel))
                if (!entry.Deleted) names.Add(entry.Name);
            return names;
        });
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public async Task ClearContainerAsync(string container, CancellationToken cancel)
    {
        var store = await StoreAsync(container, cancel);
        foreach (var name in await ListObjectsAsync(container, cancel)) await Run(() => store.DeleteAsync(name, cancel).AsTask());
    }

    public async Task<BlobInfo?> ObjectInfoAsync(string container, string name, CancellationToken cancel)
    {
        var store = await StoreAsync(container, cancel);
        try
        {
            var info = await store.GetInfoAsync(name, showDeleted: false, cancel);
            return new BlobInfo((ulong)info.Size, (ulong)Math.Max(0, info.MTime.ToUnixTimeSeconds()));
        }
        catch (NatsObjNotFoundException)
        {
            return null;
        }
        catch (NatsException e)
        {
            throw Unreachable(e);
        }
    }

    public async Task<Stream> ReadAsync(string container, string name, ulong start, ulong end, CancellationToken cancel)
    {
        var store = await StoreAsync(container, cancel);
        // The store hands an object over whole; it is kept in a file that goes away when the reader is done.
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await store.GetAsync(name, spool, leaveOpen: true, cancel);
        }
        catch (NatsObjNotFoundException)
        {
            await spool.DisposeAsync();
            throw BlobstoreException.NoObject(container, name);
        }
        catch (NatsException e)
        {
            await spool.DisposeAsync();
            throw Unreachable(e);
        }
        return new RangeStream(spool, start, end);
    }

    public async Task WriteAsync(string container, string name, Stream data, CancellationToken cancel)
    {
        var store = await StoreAsync(container, cancel);
        await Run(() => store.PutAsync(name, data, leaveOpen: true, cancel).AsTask());
    }

    public async Task DeleteObjectAsync(string container, string name, CancellationToken cancel)
    {
        var store = await StoreAsync(container, cancel);
        try
        {
            await store.DeleteAsync(name, cancel);
        }
        catch (NatsObjNotFoundException)
        {
        }
        catch (NatsObjException)
        {
            // Deleting what is not there (or already deleted) is no error.
        }
    }

    /// <summary>The container's object store; one lookup, whose "not found" is the interface's missing container.</summary>
    private Task<INatsObjStore> StoreAsync(string container, CancellationToken cancel)
    {
        Check(container);
        return Existing(container, () => Objects.GetObjectStoreAsync(container, cancel).AsTask());
    }

    private static async Task<T> Existing<T>(string container, Func<Task<T>> lookup)
    {
        try
        {
            return await Run(lookup);
        }
        catch (BlobstoreException e) when (e.InnerException is NatsJSApiException { Error.Code: 404 } or NatsObjNotFoundException)
        {
            throw BlobstoreException.NoContainer(container);
        }
    }

    private static string StreamName(string container) => $"OBJ_{container}";

    /// <summary>
    /// A usable container name, on a connection that is up: while NATS is away a call fails at once rather than
    /// waiting out its time for a reconnection.
    /// </summary>
    private void Check(string container)
    {
        if (nats.ConnectionState != NatsConnectionState.Open)
            throw new BlobstoreException($"the NATS object store cannot be reached: the connection is {nats.ConnectionState.ToString().ToLowerInvariant()}");
        if (container.Length == 0 || !container.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new BlobstoreException($"`{container}` is not a container name NATS allows (letters, digits, - and _)");
    }

    private static async Task<T> Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (NatsException e)
        {
            throw Unreachable(e);
        }
    }

    private static async Task Run(Func<Task> operation) => await Run(async () => { await operation(); return true; });

    private static BlobstoreException Unreachable(NatsException e) => new($"NATS object store failed: {e.Message}", e);

    public async ValueTask DisposeAsync()
    {
        if (owned is not null) await owned.DisposeAsync();
    }
}
