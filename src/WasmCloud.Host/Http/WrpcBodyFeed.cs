using System.IO.Pipelines;
using WasmCloud.Wrpc.Transport;

namespace WasmCloud.Host.Http;

/// <summary>A request body arriving on its wRPC path, read through a pipe (by a guest, or an HTTP client sending it on); stopped once the reader is done with it.</summary>
internal sealed class WrpcBodyFeed
{
    private readonly Pipe _pipe = new();
    private readonly CancellationTokenSource _stop;
    private readonly Task _receiving;

    public WrpcBodyFeed(WrpcPathReader path, TimeSpan timeout, CancellationToken cancel)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _receiving = WrpcByteStream.ReceiveAsync(path, _pipe.Writer, timeout, _stop.Token);
        Stream = _pipe.Reader.AsStream();
    }

    public Stream Stream { get; }

    /// <summary>What the guest did not read is dropped, and a sender still sending is no longer waited for.</summary>
    public async Task StopAsync()
    {
        await _pipe.Reader.CompleteAsync();
        await _stop.CancelAsync();
        await _receiving;
        _stop.Dispose();
    }
}
