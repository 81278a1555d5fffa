namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>The host object behind a wasi:io/error handle: why a stream operation failed.</summary>
internal sealed class IoError(Exception exception)
{
    public Exception Exception { get; } = exception;
}
