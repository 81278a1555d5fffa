using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm;

/// <summary>
/// The effect of a module's active data segments on its memory, worked out once per module: the bytes the
/// segments write, in order, coalesced into a few runs. Instantiation copies the runs instead of evaluating
/// and copying thousands of segments. Only built when every segment has a constant offset and fits the
/// memory's minimum size, so applying it can never trap.
/// </summary>
internal sealed class MemoryImage
{
    /// <summary>Gaps shorter than this between written bytes are copied too (they are zero in a fresh memory).</summary>
    private const int CoalesceGap = 256;

    private readonly (long Offset, byte[] Bytes)[] _runs;

    private MemoryImage((long Offset, byte[] Bytes)[] runs) => _runs = runs;

    public static MemoryImage? TryBuild(ModuleDefinition definition)
    {
        if (definition.Memories.Length == 0 || definition.ImportedMemoryCount > 0) return null;
        var memoryBytes = (long)definition.Memories[0].Limits.Min * MemoryType.PageSize;
        var segments = new List<(long Offset, ReadOnlyMemory<byte> Bytes)>();
        foreach (var segment in definition.Data)
        {
            if (segment.Mode != SegmentMode.Active) continue;
            if (segment.Offset!.Instructions is not [{ Opcode: Opcodes.I32Const } constant]) return null;
            var offset = (long)(uint)constant.Immediate;
            if (offset + segment.Bytes.Length > memoryBytes) return null;
            if (segment.Bytes.Length > 0) segments.Add((offset, segment.Bytes));
        }
        if (segments.Count == 0) return new MemoryImage([]);

        var start = segments.Min(s => s.Offset);
        var end = segments.Max(s => s.Offset + s.Bytes.Length);
        var scratch = new byte[end - start];
        var written = new bool[end - start];
        foreach (var (offset, bytes) in segments)
        {
            bytes.Span.CopyTo(scratch.AsSpan((int)(offset - start)));
            written.AsSpan((int)(offset - start), bytes.Length).Fill(true);
        }
        return new MemoryImage(Runs(scratch, written, start));
    }

    private static (long Offset, byte[] Bytes)[] Runs(byte[] scratch, bool[] written, long start)
    {
        var runs = new List<(long, byte[])>();
        var i = 0;
        while (i < written.Length)
        {
            if (!written[i])
            {
                i++;
                continue;
            }
            var runStart = i;
            var lastWritten = i;
            while (i < written.Length && i - lastWritten <= CoalesceGap)
            {
                if (written[i]) lastWritten = i;
                i++;
            }
            runs.Add((start + runStart, scratch[runStart..(lastWritten + 1)]));
            i = lastWritten + 1;
        }
        return runs.ToArray();
    }

    public unsafe void ApplyTo(Memory memory)
    {
        foreach (var (offset, bytes) in _runs) bytes.CopyTo(new Span<byte>(memory.Base + offset, bytes.Length));
    }

    /// <summary>
    /// Makes the first <paramref name="length"/> bytes of a used block read as a fresh memory with this image:
    /// the runs copied, everything else zeroed. Each byte is written once, where zeroing the block and later
    /// copying the image writes the image's bytes twice.
    /// </summary>
    public unsafe void Restore(byte* memoryBase, long length)
    {
        long cursor = 0;
        foreach (var (offset, bytes) in _runs)
        {
            if (offset >= length) break;
            System.Runtime.InteropServices.NativeMemory.Clear(memoryBase + cursor, (nuint)(offset - cursor));
            bytes.CopyTo(new Span<byte>(memoryBase + offset, bytes.Length));
            cursor = offset + bytes.Length;
        }
        if (cursor < length) System.Runtime.InteropServices.NativeMemory.Clear(memoryBase + cursor, (nuint)(length - cursor));
    }
}
