using WasmCloud.Components;
using WasmCloud.Components.Runtime;
using WasmCloud.Components.Types;

namespace WasmCloud.Wasi.Preview2.Io;

/// <summary>
/// wasi:io/streams: input-stream and output-stream. The blocking variants are the non-blocking operation
/// retried after waiting on the stream's readiness task, as the WIT describes them.
/// </summary>
internal static class Streams
{
    // What one read or splice moves at most: the guest passes a u64 and a list must fit in its memory.
    private const int MaxChunk = 1024 * 1024;

    public static void Define(WasiPreview2 wasi, ComponentLinker linker)
    {
        var input = wasi.InputStream;
        var output = wasi.OutputStream;
        var streamError = Wit.Variant(("last-operation-failed", wasi.IoError.Own), ("closed", null));
        var bytesOrError = Wit.Result(Wit.Bytes, streamError);
        var countOrError = Wit.Result(Wit.U64, streamError);
        var unitOrError = Wit.Result(null, streamError);
        (string, ValType)[] length = [("len", Wit.U64)];
        (string, ValType)[] contents = [("contents", Wit.Bytes)];
        (string, ValType)[] splice = [("src", input.Borrow), ("len", Wit.U64)];

        InputStream In(ComponentValue[] args) => input.Get<InputStream>(args[0]);
        OutputStream Out(ComponentValue[] args) => output.Get<OutputStream>(args[0]);
        ComponentValue Guard(WasiContext cx, Func<ComponentValue> operation) => Guarded(wasi, cx, operation);

        new HostInterface("wasi:io/streams")
            .Resource("error", wasi.IoError)
            .Resource("pollable", wasi.Pollable)
            .ValueTypes("stream-error")
            .Resource("input-stream", input)
            .Resource("output-stream", output)
            .Method(input, "input-stream", "read", bytesOrError, length, (cx, args) => Guard(cx, () => Read(cx, In(args), args[1], blocking: false)))
            .Method(input, "input-stream", "blocking-read", bytesOrError, length, (cx, args) => Guard(cx, () => Read(cx, In(args), args[1], blocking: true)))
            .Method(input, "input-stream", "skip", countOrError, length, (cx, args) => Guard(cx, () => Skip(cx, In(args), args[1], blocking: false)))
            .Method(input, "input-stream", "blocking-skip", countOrError, length, (cx, args) => Guard(cx, () => Skip(cx, In(args), args[1], blocking: true)))
            .Method(input, "input-stream", "subscribe", wasi.Pollable.Own, [], (cx, args) =>
            {
                var stream = In(args);
                return wasi.Pollable.New(cx, new Pollable(() => stream.Ready));
            })
            .Method(output, "output-stream", "check-write", countOrError, [], (cx, args) => Guard(cx, () => Val.Ok(Val.U64(Out(args).CheckWrite()))))
            .Method(output, "output-stream", "write", unitOrError, contents, (cx, args) => Guard(cx, () => Unit(() => Out(args).Write(Val.ToBytes(args[1])))))
            .Method(output, "output-stream", "blocking-write-and-flush", unitOrError, contents, (cx, args) => Guard(cx, () => Unit(() => WriteAll(cx, Out(args), Val.ToBytes(args[1])))))
            .Method(output, "output-stream", "flush", unitOrError, [], (cx, args) => Guard(cx, () => Unit(Out(args).Flush)))
            .Method(output, "output-stream", "blocking-flush", unitOrError, [], (cx, args) => Guard(cx, () => Unit(() => Out(args).BlockingFlush(cx))))
            .Method(output, "output-stream", "subscribe", wasi.Pollable.Own, [], (cx, args) =>
            {
                var stream = Out(args);
                return wasi.Pollable.New(cx, new Pollable(() => stream.Ready));
            })
            .Method(output, "output-stream", "write-zeroes", unitOrError, length,
                (cx, args) => Guard(cx, () => Unit(() => Out(args).Write(new byte[Val.ToLength(args[1], MaxChunk)]))))
            .Method(output, "output-stream", "blocking-write-zeroes-and-flush", unitOrError, length,
                (cx, args) => Guard(cx, () => Unit(() => WriteAll(cx, Out(args), new byte[Val.ToLength(args[1], MaxChunk)]))))
            .Method(output, "output-stream", "splice", countOrError, splice, (cx, args) => Guard(cx, () => Splice(cx, Out(args), input.Get<InputStream>(args[1]), args[2], blocking: false)))
            .Method(output, "output-stream", "blocking-splice", countOrError, splice, (cx, args) => Guard(cx, () => Splice(cx, Out(args), input.Get<InputStream>(args[1]), args[2], blocking: true)))
            .DefineIn(linker);
    }

    /// <summary>Runs a stream operation; a closed stream or an I/O failure becomes the stream-error it is.</summary>
    internal static ComponentValue Guarded(WasiPreview2 wasi, WasiContext cx, Func<ComponentValue> operation)
    {
        try
        {
            return operation();
        }
        catch (StreamClosedException)
        {
            return Val.Error(new VariantValue("closed", null));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            return Val.Error(new VariantValue("last-operation-failed", wasi.IoError.New(cx, new IoError(e))));
        }
    }

    private static ComponentValue Unit(Action operation)
    {
        operation();
        return Val.Unit;
    }

    private static byte[] ReadSome(WasiContext cx, InputStream stream, int length, bool blocking)
    {
        while (true)
        {
            var bytes = stream.Read(length) ?? throw new StreamClosedException();
            if (bytes.Length > 0 || !blocking || length == 0) return bytes;
            cx.WaitAny([stream.Ready]);
        }
    }

    private static ComponentValue Read(WasiContext cx, InputStream stream, ComponentValue length, bool blocking) =>
        Val.Ok(Val.Bytes(ReadSome(cx, stream, Val.ToLength(length, MaxChunk), blocking)));

    private static ComponentValue Skip(WasiContext cx, InputStream stream, ComponentValue length, bool blocking) =>
        Val.Ok(Val.U64(ReadSome(cx, stream, Val.ToLength(length, MaxChunk), blocking).Length));

    /// <summary>Writes everything, waiting for permission between chunks, then flushes and waits for it.</summary>
    private static void WriteAll(WasiContext cx, OutputStream stream, byte[] bytes)
    {
        for (var offset = 0; offset < bytes.Length;)
        {
            var permitted = (int)Math.Min(stream.CheckWrite(), bytes.Length - offset);
            if (permitted == 0)
            {
                cx.WaitAny([stream.Ready]);
                continue;
            }
            stream.Write(bytes[offset..(offset + permitted)]);
            offset += permitted;
        }
        stream.BlockingFlush(cx);
    }

    private static ComponentValue Splice(WasiContext cx, OutputStream destination, InputStream source, ComponentValue length, bool blocking)
    {
        var permitted = destination.CheckWrite();
        if (permitted == 0 && blocking)
        {
            cx.WaitAny([destination.Ready]);
            permitted = destination.CheckWrite();
        }
        var bytes = ReadSome(cx, source, (int)Math.Min(permitted, Val.ToLength(length, MaxChunk)), blocking);
        if (bytes.Length > 0) destination.Write(bytes);
        if (blocking) destination.BlockingFlush(cx);
        return Val.Ok(Val.U64(bytes.Length));
    }
}
