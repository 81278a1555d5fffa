using System.IO.Pipelines;
using WasmCloud.Components;
using WasmCloud.Wasi.Preview2.Http;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Http;

/// <summary>
/// A component's answer to a request that came over wRPC: the response's head (or the error-code) becomes the
/// call's result, as soon as the guest sets it; the body and trailers follow on their result paths as the guest
/// writes them. A failure after the head has gone fails both paths, which the caller sees as an incomplete body.
/// </summary>
internal sealed class WrpcHttpResponder(WrpcInvocation call) : IHttpResponder
{
    private readonly TaskCompletionSource<byte[]> _head = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WrpcPathWriter? _body;
    private WrpcPathWriter? _trailers;

    /// <summary>The encoded result, once the guest has answered or failed.</summary>
    public Task<byte[]> Head => _head.Task;

    public async Task SendAsync(ServedResponse response, CancellationToken cancel)
    {
        _body = call.ResultPath(WrpcHttpWire.BodyPath);
        _trailers = call.ResultPath(WrpcHttpWire.TrailersPath);
        _head.TrySetResult(WrpcHttpWire.EncodeResponse(response));
        await WrpcByteStream.SendAsync(response.Body ?? PipeReader.Create(Stream.Null), _body, cancel);
        await WrpcHttpWire.SendTrailersAsync(_trailers, await response.Trailers, cancel);
    }

    public async Task FailAsync(ComponentValue errorCode, string reason)
    {
        if (_head.TrySetResult(WrpcHttpWire.EncodeError(errorCode))) return;
        if (_body is not null) await _body.FailAsync(reason);
        if (_trailers is not null) await _trailers.FailAsync(reason);
    }
}
