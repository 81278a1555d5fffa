using StackExchange.Redis;

namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>
/// Keys in one Redis database (the one the link's <c>URL</c> names, as upstream's keyvalue-redis reads it). Redis has
/// one key space per database, so the bucket a component opens does not separate keys: give applications their own
/// database (<c>redis://host:6379/2</c>). Increments are Redis's own atomic <c>INCRBY</c>. The connection is made
/// lazily and kept retrying, so calls fail while Redis is away and succeed again when it is back.
/// </summary>
internal sealed class RedisKeyValue : IKeyValueBackend
{
    private readonly ConnectionMultiplexer _redis;
    private readonly string _url;

    private RedisKeyValue(ConnectionMultiplexer redis, string url)
    {
        _redis = redis;
        _url = url;
    }

    public static async Task<RedisKeyValue> ConnectAsync(string url)
    {
        var options = Options(url);
        return new RedisKeyValue(await ConnectionMultiplexer.ConnectAsync(options), Redacted(url));
    }

    /// <summary>The URL without its credentials, fit for messages and logs.</summary>
    public static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal) : url;

    /// <summary><c>redis://[user[:password]@]host[:port][/db]</c> as connection options.</summary>
    public static ConfigurationOptions Options(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
            throw new FormatException($"`{url}` is not a Redis URL (redis://host:port/db)");
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectTimeout = 2000,
            // CONFIG GET/SET, to turn keyspace notifications on for watchers.
            AllowAdmin = true,
            SyncTimeout = 5000,
            AsyncTimeout = 5000,
            Ssl = uri.Scheme == "rediss",
            DefaultDatabase = uri.AbsolutePath.Trim('/') is { Length: > 0 } db && int.TryParse(db, out var number) ? number : 0,
        };
        options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
        if (uri.UserInfo.Length > 0)
        {
            var parts = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
            if (parts.Length == 2)
            {
                if (parts[0].Length > 0) options.User = parts[0];
                options.Password = parts[1];
            }
            else options.Password = parts[0];
        }
        return options;
    }

    private IDatabase Database => _redis.GetDatabase();

    public Task<byte[]?> GetAsync(string bucket, string key, CancellationToken cancel) =>
        Run(async () => (byte[]?)await Database.StringGetAsync(key));

    public Task SetAsync(string bucket, string key, byte[] value, CancellationToken cancel) => Run(() => Database.StringSetAsync(key, value));

    public Task DeleteAsync(string bucket, string key, CancellationToken cancel) => Run(() => Database.KeyDeleteAsync(key));

    public Task<bool> ExistsAsync(string bucket, string key, CancellationToken cancel) => Run(() => Database.KeyExistsAsync(key));

    public Task<(List<string> Keys, ulong? Cursor)> ListKeysAsync(string bucket, ulong? cursor, CancellationToken cancel) => Run(async () =>
    {
        var keys = new List<string>();
        foreach (var endpoint in _redis.GetEndPoints())
            await foreach (var key in _redis.GetServer(endpoint).KeysAsync(Database.Database, "*").WithCancellation(cancel)) keys.Add(key.ToString());
        return KeyPages.Page(keys.Distinct(StringComparer.Ordinal), cursor);
    });

    public Task<ulong> IncrementAsync(string bucket, string key, ulong delta, CancellationToken cancel) => Run(async () =>
    {
        if (delta > long.MaxValue) throw new KeyValueException(KeyValueError.Other, $"Redis counts in signed 64 bits; {delta} is too large an increment");
        try
        {
            return (ulong)await Database.StringIncrementAsync(key, (long)delta);
        }
        catch (RedisServerException e) when (!IsRefusal(e))
        {
            throw new KeyValueException(KeyValueError.Other, $"the value under `{key}` is not a counter: {e.Message}");
        }
    });

    private async Task<T> Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            throw new KeyValueException(KeyValueError.Other, $"cannot reach Redis at {_url}: {e.Message}");
        }
        catch (RedisServerException e) when (IsRefusal(e))
        {
            throw new KeyValueException(KeyValueError.AccessDenied, $"Redis at {_url} refused: {e.Message}");
        }
    }

    /// <summary>An ACL refusal: the user may not run the command or touch the key.</summary>
    private static bool IsRefusal(RedisServerException e) => e.Message.StartsWith("NOPERM", StringComparison.Ordinal);

    private static readonly string[] SetEvents = ["set", "incrby", "incrbyfloat", "append", "setrange", "copy_to", "restore", "rename_to"];
    private static readonly string[] DeleteEvents = ["del", "expired", "evicted", "rename_from"];

    /// <summary>
    /// Redis's keyspace notifications of the database (turned on with <c>K$g</c> when they are off and the server lets
    /// us; otherwise the watch fails naming the setting). A set is followed by a read of the value, as Redis sends only the event.
    /// </summary>
    public Task<IAsyncDisposable> WatchAsync(string bucket, Func<string, byte[]?, Task> changed, CancellationToken cancel) => Run(async () =>
    {
        await EnsureKeyspaceEventsAsync();
        var prefix = $"__keyspace@{Database.Database}__:";
        var queue = await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(prefix + "*"));
        queue.OnMessage(async message =>
        {
            var key = message.Channel.ToString()[prefix.Length..];
            var kind = message.Message.ToString();
            try
            {
                if (SetEvents.Contains(kind) && await Database.StringGetAsync(key) is { HasValue: true } value) await changed(key, value);
                else if (DeleteEvents.Contains(kind)) await changed(key, null);
            }
            catch (Exception e) when (e is RedisException)
            {
                // The value went away again, or the connection did: the next event is another chance.
            }
        });
        return (IAsyncDisposable)new Unsubscribe(queue);
    });

    private sealed class Unsubscribe(ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await queue.UnsubscribeAsync();
    }

    private async Task EnsureKeyspaceEventsAsync()
    {
        var server = _redis.GetServer(_redis.GetEndPoints()[0]);
        var current = (await server.ConfigGetAsync("notify-keyspace-events")).FirstOrDefault().Value ?? "";
        if (current.Contains('K') && (current.Contains('A') || (current.Contains('$') && current.Contains('g')))) return;
        try
        {
            await server.ConfigSetAsync("notify-keyspace-events", new string((current + "K$g").Distinct().ToArray()));
        }
        catch (RedisServerException e)
        {
            throw new KeyValueException(KeyValueError.Other,
                $"Redis at {_url} sends no keyspace notifications (notify-keyspace-events is `{current}`) and refused to turn them on ({e.Message}): run CONFIG SET notify-keyspace-events K$g");
        }
    }

    private Task Run(Func<Task> operation) => Run(async () =>
    {
        await operation();
        return true;
    });

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
