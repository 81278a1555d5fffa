using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace WasmCloud.Host.Capabilities.Blobstore;

/// <summary>
/// <c>blobstore-s3</c>: containers are S3 buckets, objects their objects, through AWSSDK.S3 against AWS or any
/// S3-compatible server. Configured as upstream's provider is: <c>config_b64</c>, base64 of a JSON object with
/// <c>access_key_id</c>, <c>secret_access_key</c>, <c>session_token</c>, <c>region</c>, <c>endpoint</c>,
/// <c>bucket_region</c> and <c>aliases</c> (container name → bucket); the same keys are also read as plain link config.
/// </summary>
internal sealed class S3Blobstore : IBlobBackend
{
    private readonly AmazonS3Client _client;
    private readonly IReadOnlyDictionary<string, string> _aliases;
    private readonly string? _bucketRegion;

    private S3Blobstore(AmazonS3Client client, IReadOnlyDictionary<string, string> aliases, string? bucketRegion)
    {
        _client = client;
        _aliases = aliases;
        _bucketRegion = bucketRegion;
    }

    /// <summary>The store a link's target config describes; config that does not parse is a <see cref="BlobstoreException"/> naming it.</summary>
    public static S3Blobstore FromConfig(IReadOnlyDictionary<string, string> config)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "access_key_id", "secret_access_key", "session_token", "region", "endpoint", "bucket_region" })
            if (LinkConfig.Get(config, name) is { Length: > 0 } value) settings[name] = value;
        if (LinkConfig.Get(config, "config_b64") is { Length: > 0 } encoded)
        {
            try
            {
                using var json = JsonDocument.Parse(Convert.FromBase64String(encoded.Trim()));
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    if (property.Name == "aliases" && property.Value.ValueKind == JsonValueKind.Object)
                        foreach (var alias in property.Value.EnumerateObject()) aliases[alias.Name] = alias.Value.GetString() ?? "";
                    else if (property.Value.ValueKind == JsonValueKind.String) settings[property.Name] = property.Value.GetString()!;
                }
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
            {
                throw new BlobstoreException($"config_b64 is not base64 of a JSON object: {e.Message}");
            }
        }
        var s3 = new AmazonS3Config
        {
            AuthenticationRegion = settings.GetValueOrDefault("region") ?? "us-east-1",
            // Plain requests, as every S3-compatible server takes them; checksums only where S3 insists.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.GetValueOrDefault("endpoint") is { } endpoint)
        {
            s3.ServiceURL = endpoint;
            s3.ForcePathStyle = true;
        }
        else
        {
            s3.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.GetValueOrDefault("region") ?? "us-east-1");
        }
        AWSCredentials credentials = settings.GetValueOrDefault("access_key_id") is { } key && settings.GetValueOrDefault("secret_access_key") is { } secret
            ? settings.GetValueOrDefault("session_token") is { } token ? new SessionAWSCredentials(key, secret, token) : new BasicAWSCredentials(key, secret)
            : new AnonymousAWSCredentials();
        return new S3Blobstore(new AmazonS3Client(credentials, s3), aliases, settings.GetValueOrDefault("bucket_region"));
    }

    private string Bucket(string container) => _aliases.GetValueOrDefault(container) ?? container;

    public Task CreateContainerAsync(string container, CancellationToken cancel) => Run(container, null, async () =>
    {
        if (await ContainerExistsAsync(container, cancel)) throw new BlobstoreException($"container `{container}` already exists");
        var request = new PutBucketRequest { BucketName = Bucket(container) };
        if (_bucketRegion is { } region) request.BucketRegionName = region;
        await _client.PutBucketAsync(request, cancel);
    });

    public Task DeleteContainerAsync(string container, CancellationToken cancel) => Run(container, null, async () =>
    {
        // The interface deletes a container with what is in it; S3 deletes only empty buckets.
        await ClearContainerAsync(container, cancel);
        await _client.DeleteBucketAsync(Bucket(container), cancel);
    });

    public Task<bool> ContainerExistsAsync(string container, CancellationToken cancel) => Run(container, null, async () =>
    {
        try
        {
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = Bucket(container) }, cancel);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    });

    public Task<ulong> ContainerCreatedAtAsync(string container, CancellationToken cancel) => Run(container, null, async () =>
    {
        if (!await ContainerExistsAsync(container, cancel)) throw BlobstoreException.NoContainer(container);
        // S3 tells when a bucket was made only in the list of all buckets.
        var buckets = await _client.ListBucketsAsync(cancel);
        var created = buckets.Buckets?.FirstOrDefault(b => b.BucketName == Bucket(container))?.CreationDate ?? DateTime.UnixEpoch;
        return (ulong)Math.Max(0, new DateTimeOffset(created.ToUniversalTime()).ToUnixTimeSeconds());
    });

    public Task<IReadOnlyList<string>> ListObjectsAsync(string container, CancellationToken cancel) => Run<IReadOnlyList<string>>(container, null, async () =>
    {
        var names = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket(container) };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, cancel);
            names.AddRange(page.S3Objects?.Select(o => o.Key) ?? []);
            if (page.IsTruncated != true) break;
            request.ContinuationToken = page.NextContinuationToken;
        }
        return names;
    });

    public Task ClearContainerAsync(string container, CancellationToken cancel) => Run(container, null, async () =>
    {
        var names = await ListObjectsAsync(container, cancel);
        foreach (var batch in names.Chunk(1000))
            await _client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = Bucket(container), Objects = batch.Select(n => new KeyVersion { Key = n }).ToList() }, cancel);
    });

    public Task<BlobInfo?> ObjectInfoAsync(string container, string name, CancellationToken cancel) => Run<BlobInfo?>(container, name, async () =>
    {
        try
        {
            var head = await _client.GetObjectMetadataAsync(Bucket(container), name, cancel);
            return new BlobInfo((ulong)Math.Max(0, head.ContentLength),
                (ulong)Math.Max(0, new DateTimeOffset((head.LastModified ?? DateTime.UnixEpoch).ToUniversalTime()).ToUnixTimeSeconds()));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is not "NoSuchBucket")
        {
            if (!await ContainerExistsAsync(container, cancel)) throw BlobstoreException.NoContainer(container);
            return null;
        }
    });

    public Task<Stream> ReadAsync(string container, string name, ulong start, ulong end, CancellationToken cancel) => Run(container, name, async () =>
    {
        var info = await ObjectInfoAsync(container, name, cancel) ?? throw BlobstoreException.NoObject(container, name);
        if (info.Size == 0 || start >= info.Size) return (Stream)new MemoryStream([], writable: false);
        var response = await _client.GetObjectAsync(new GetObjectRequest
        {
            BucketName = Bucket(container), Key = name, ByteRange = new ByteRange((long)start, (long)Math.Min(end, info.Size - 1)),
        }, cancel);
        return response.ResponseStream;
    });

    public Task WriteAsync(string container, string name, Stream data, CancellationToken cancel) => Run(container, name, async () =>
    {
        // S3 wants the length up front: the value is spooled to a file first, so no body is ever held in memory whole.
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await data.CopyToAsync(spool, cancel);
        spool.Position = 0;
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket(container), Key = name, InputStream = spool, AutoCloseStream = false, UseChunkEncoding = false }, cancel);
    });

    public Task DeleteObjectAsync(string container, string name, CancellationToken cancel) => Run(container, name, async () =>
    {
        await _client.DeleteObjectAsync(Bucket(container), name, cancel);
    });

    public Task CopyObjectAsync(string fromContainer, string from, string toContainer, string to, CancellationToken cancel) => Run(fromContainer, from, async () =>
    {
        var info = await ObjectInfoAsync(fromContainer, from, cancel) ?? throw BlobstoreException.NoObject(fromContainer, from);
        if (!await ContainerExistsAsync(toContainer, cancel)) throw BlobstoreException.NoContainer(toContainer);
        try
        {
            await _client.CopyObjectAsync(Bucket(fromContainer), from, Bucket(toContainer), to, cancel);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "NoSuchBucket" or "NoSuchKey")
        {
            // The source exists, so the server misread the copy source (some S3-compatible servers do not decode
            // its escaped slash): the object is copied through this host instead.
            await using var data = await ReadAsync(fromContainer, from, 0, info.Size == 0 ? 0 : info.Size - 1, cancel);
            await WriteAsync(toContainer, to, data, cancel);
        }
    });

    /// <summary>S3's refusals and failures as the interface's errors, naming the container and object.</summary>
    private static async Task<T> Run<T>(string container, string? name, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw BlobstoreException.NoContainer(container);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey" && name is not null)
        {
            throw BlobstoreException.NoObject(container, name);
        }
        catch (AmazonServiceException e)
        {
            throw new BlobstoreException($"S3 refused: {e.ErrorCode ?? e.StatusCode.ToString()} {e.Message}".TrimEnd(), e);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException)
        {
            throw new BlobstoreException($"S3 cannot be reached: {e.Message}", e);
        }
    }

    private static Task Run(string container, string? name, Func<Task> operation) => Run(container, name, async () => { await operation(); return true; });

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
