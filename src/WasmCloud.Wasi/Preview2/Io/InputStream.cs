namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>The host object behind a wasi:io/streams input-stream.</summary>
internal abstract class InputStream
{
    /// <summary>Up to <paramref name="length"/> bytes available now, empty when none are yet, null once the stream has ended.</summary>
    public abstract byte[]? Read(int length);

    /// <summary>Completes when <see cref="Read"/> would return bytes or the end.</summary>
    public abstract Task Ready { get; }
}
