namespace WasmCloud.Nats.KeyValue;

public enum KvOperation { Put, Delete, Purge }

/// <summary>
/// One revision of a key. <see cref="Delta"/> is how many newer messages the watch still had to deliver
/// when this one came: 0 means the watcher has caught up.
/// </summary>
public sealed record KvEntry(string Bucket, string Key, ReadOnlyMemory<byte> Value, ulong Revision, DateTimeOffset Created, ulong Delta, KvOperation Operation)
{
    internal const string OperationHeader = "KV-Operation";

    internal static KvOperation OperationOf(NatsHeaders? headers) => headers?[OperationHeader] switch
    {
        "DEL" => KvOperation.Delete,
        "PURGE" => KvOperation.Purge,
        _ => KvOperation.Put,
    };
}
