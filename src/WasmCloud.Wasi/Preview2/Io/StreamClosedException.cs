namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>A stream has ended (input) or can take no more (output): the stream-error case <c>closed</c>.</summary>
internal sealed class StreamClosedException() : Exception("the stream is closed");
