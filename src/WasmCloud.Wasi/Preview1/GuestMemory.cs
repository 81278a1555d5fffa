using System.Buffers.Binary;
using System.Text;
using WasmCloud.Wasm;

namespace WasmCloud.Wasi.Preview1;

/// <summary>Bounds-checked access to the calling instance's linear memory; a bad pointer is <see cref="Errno.Fault"/>.</summary>
internal readonly struct GuestMemory
{
    private readonly Memory _memory;

    public GuestMemory(Caller caller) =>
        _memory = caller.Memory ?? throw new WasmException("WASI functions need the calling module to have a memory");

    public Span<byte> Slice(uint pointer, uint length)
    {
        if ((ulong)pointer + length > (ulong)_memory.LengthInBytes) throw new GuestFault();
        return _memory.Span.Slice((int)pointer, (int)length);
    }

    public byte ReadU8(uint pointer) => Slice(pointer, 1)[0];
    public ushort ReadU16(uint pointer) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(pointer, 2));
    public uint ReadU32(uint pointer) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(pointer, 4));
    public ulong ReadU64(uint pointer) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(pointer, 8));
    public void WriteU8(uint pointer, byte value) => Slice(pointer, 1)[0] = value;
    public void WriteU16(uint pointer, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Slice(pointer, 2), value);
    public void WriteU32(uint pointer, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Slice(pointer, 4), value);
    public void WriteU64(uint pointer, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Slice(pointer, 8), value);

    public string ReadString(uint pointer, uint length) => Encoding.UTF8.GetString(Slice(pointer, length));

    /// <summary>Reads an array of (pointer, length) buffer descriptors, the iovec of fd_read and fd_write.</summary>
    public (uint Pointer, uint Length)[] ReadIoVectors(uint pointer, uint count)
    {
        var vectors = new (uint, uint)[count];
        for (uint i = 0; i < count; i++) vectors[i] = (ReadU32(pointer + 8 * i), ReadU32(pointer + 8 * i + 4));
        return vectors;
    }
}

/// <summary>A guest pointer or length outside its memory.</summary>
internal sealed class GuestFault : Exception;
