using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Text;

/// <summary>The entries of one vector section, counted as they are written.</summary>
internal sealed class Section
{
    public Section(byte id) => Id = id;

    public byte Id { get; }
    public uint Count { get; private set; }
    public WasmBinaryWriter Entries { get; } = new();

    /// <summary>Starts one more entry and returns the writer to put it in.</summary>
    public WasmBinaryWriter Add()
    {
        Count++;
        return Entries;
    }
}

/// <summary>The sections the module parser fills, and their assembly into a binary in the spec's order.</summary>
internal sealed class ModuleSections
{
    private const byte TypeSectionId = 1, StartSectionId = 8, DataCountSectionId = 12;

    public Section Imports { get; } = new(2);
    public Section Functions { get; } = new(3);
    public Section Tables { get; } = new(4);
    public Section Memories { get; } = new(5);
    public Section Globals { get; } = new(6);
    public Section Exports { get; } = new(7);
    public Section Elements { get; } = new(9);
    public Section Code { get; } = new(10);
    public Section Data { get; } = new(11);
    public uint? Start { get; set; }

    public byte[] Encode(ModuleContext module)
    {
        var binary = new WasmBinaryWriter();
        binary.Bytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        if (module.TypeList.Count > 0) WriteSection(binary, TypeSectionId, TypeEntries(module.TypeList));
        foreach (var section in new[] { Imports, Functions, Tables, Memories, Globals, Exports }) WriteVector(binary, section);
        if (Start is { } start)
        {
            var payload = new WasmBinaryWriter();
            payload.U32(start);
            WriteSection(binary, StartSectionId, payload);
        }
        WriteVector(binary, Elements);
        if (module.UsesDataCount)
        {
            var payload = new WasmBinaryWriter();
            payload.U32(Data.Count);
            WriteSection(binary, DataCountSectionId, payload);
        }
        WriteVector(binary, Code);
        WriteVector(binary, Data);
        NameSectionWriter.WriteIfNamed(binary, module);
        return binary.ToArray();
    }

    private static WasmBinaryWriter TypeEntries(IReadOnlyList<FuncType> types)
    {
        var payload = new WasmBinaryWriter();
        payload.U32((uint)types.Count);
        foreach (var type in types)
        {
            payload.Byte(0x60);
            WriteValueTypes(payload, type.Parameters);
            WriteValueTypes(payload, type.Results);
        }
        return payload;
    }

    public static void WriteValueTypes(WasmBinaryWriter output, IReadOnlyCollection<ValueType> types)
    {
        output.U32((uint)types.Count);
        foreach (var type in types) output.Byte((byte)type);
    }

    private static void WriteVector(WasmBinaryWriter binary, Section section)
    {
        if (section.Count == 0) return;
        var payload = new WasmBinaryWriter();
        payload.U32(section.Count);
        payload.Append(section.Entries);
        WriteSection(binary, section.Id, payload);
    }

    private static void WriteSection(WasmBinaryWriter binary, byte id, WasmBinaryWriter payload)
    {
        binary.Byte(id);
        binary.Sized(payload);
    }
}
