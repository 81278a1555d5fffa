using System.IO.Pipelines;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Http;

/// <summary>
/// The host object behind <c>outgoing-body</c>: what the guest writes to its output-stream goes through a
/// pipe to the network as it is written (the pipe's pause threshold is the guest's back-pressure), so no body
/// is ever held whole. <c>finish</c> ends it, with trailers; dropping it unfinished makes it fail, which the
/// receiving side sees as an incomplete body.
/// </summary>
internal sealed class OutgoingBody : IDisposable
{
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024));
    private readonly StreamOutput _output;
    private readonly TaskCompletionSource<Fields?> _trailers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _streamTaken;
    private bool _given;

    public OutgoingBody() => _output = new StreamOutput(_pipe.Writer.AsStream());

    /// <summary>The bytes as the guest writes them; ends after <see cref="Finish"/>, fails if the body is dropped unfinished.</summary>
    public PipeReader Reader => _pipe.Reader;

    /// <summary>Completes with the trailers (or none) when the guest finished the body.</summary>
    public Task<Fields?> Trailers => _trailers.Task;

    /// <summary>Whether the guest asked for the body; one it never asked for is empty.</summary>
    public bool Given => _given;

    /// <summary>Hands the body to the guest, once: false when it already has it.</summary>
    public bool TryGive() => !_given && (_given = true);

    /// <summary>The body's one output-stream, or null when it was already taken.</summary>
    public OutputStream? TakeStream()
    {
        if (_streamTaken) return null;
        _streamTaken = true;
        return _output;
    }

    public void Finish(WasiContext cx, Fields? trailers)
    {
        _output.BlockingFlush(cx);
        _pipe.Writer.Complete();
        _trailers.TrySetResult(trailers);
    }

    /// <summary>The guest dropped the body without finishing it.</summary>
    public void Dispose()
    {
        var incomplete = new IOException("the guest dropped the outgoing body before finishing it");
        _pipe.Writer.Complete(incomplete);
        _trailers.TrySetException(incomplete);
    }
}
