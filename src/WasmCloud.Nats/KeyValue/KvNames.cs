using System.Buffers;

namespace WasmCloud.Nats.KeyValue;

/// <summary>The naming conventions that map buckets and keys onto streams and subjects, and their validation.</summary>
internal static class KvNames
{
    private static readonly SearchValues<char> BucketChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
    private static readonly SearchValues<char> KeyChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/_=.");
    private static readonly SearchValues<char> FilterChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/_=.*>");

    public static string Stream(string bucket) => "KV_" + ValidBucket(bucket);
    public static string Subject(string bucket, string key) => $"$KV.{bucket}.{key}";
    public static string KeyOf(string bucket, string subject) => subject[($"$KV.{bucket}.".Length)..];

    public static string ValidBucket(string bucket) =>
        bucket.Length > 0 && !bucket.AsSpan().ContainsAnyExcept(BucketChars) ? bucket : throw new ArgumentException($"invalid bucket name '{bucket}'", nameof(bucket));

    public static string ValidKey(string key) => Valid(key, KeyChars, "key");

    /// <summary>A key, or a pattern of keys with '*' and '>' wildcards for watching.</summary>
    public static string ValidFilter(string filter) => Valid(filter, FilterChars, "key filter");

    private static string Valid(string key, SearchValues<char> allowed, string what) =>
        key.Length > 0 && key[0] != '.' && key[^1] != '.' && !key.AsSpan().ContainsAnyExcept(allowed)
            ? key
            : throw new ArgumentException($"invalid {what} '{key}'", nameof(key));
}
