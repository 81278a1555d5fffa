namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary>A key-value operation that failed, as one of <c>wasi:keyvalue/store</c>'s error cases.</summary>
internal sealed class KeyValueException(KeyValueError error, string message) : Exception(message)
{
    public KeyValueError Error { get; } = error;
}

internal enum KeyValueError
{
    NoSuchStore,
    AccessDenied,
    Other,
}

/// <summary>Where a key-value provider keeps its buckets.</summary>
internal enum KeyValueBackendKind
{
    Nats,
    Redis,
    InMemory,
}
