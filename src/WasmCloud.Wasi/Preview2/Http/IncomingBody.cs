using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// The host object behind <c>incoming-body</c>: a body arriving from the network (a served request's, a
/// fetched response's), read by the guest as it arrives through one input-stream; its trailers come after
/// the last byte.
/// </summary>
internal sealed class IncomingBody(Stream body, Func<Task<Fields?>> trailers)
{
    private readonly StreamInput _input = new(body);
    private bool _streamTaken;

    /// <summary>The body's one input-stream, or null when it was already taken.</summary>
    public InputStream? TakeStream()
    {
        if (_streamTaken) return null;
        _streamTaken = true;
        return _input;
    }

    /// <summary>The trailers, once the rest of the body (which the guest no longer wants) has been read past.</summary>
    public async Task<Fields?> FinishAsync()
    {
        while (_input.Read(64 * 1024) is { } bytes)
            if (bytes.Length == 0) await _input.Ready;
        return await trailers();
    }
}
