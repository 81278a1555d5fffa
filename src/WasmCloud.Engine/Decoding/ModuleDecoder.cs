using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Decoding;

/// <summary>Decodes a module binary into a <see cref="ModuleDefinition"/>. Checks form, not validity.</summary>
public static class ModuleDecoder
{
    private static ReadOnlySpan<byte> Magic => [0x00, 0x61, 0x73, 0x6D];

    /// <summary>Position of each section in the required order (data count sits between element and code).</summary>
    private static int OrderOf(SectionId id) => id switch
    {
        SectionId.DataCount => 10,
        SectionId.Code => 11,
        SectionId.Data => 12,
        _ => (int)id,
    };

    public static ModuleDefinition Decode(ReadOnlyMemory<byte> binary)
    {
        var reader = new WasmReader(binary);
        if (binary.Length < 4 || !binary.Span[..4].SequenceEqual(Magic)) throw reader.Error("magic header not detected");
        reader.Position = 4;
        if (binary.Length < 8) throw reader.Error("unexpected end: missing version");
        var version = BitConverter.ToUInt32(binary.Span[4..8]);
        if (version != 1) throw reader.Error($"unknown binary version {version}");
        reader.Position = 8;

        var state = new DecodeState();
        var lastOrder = 0;
        while (!reader.AtEnd)
        {
            var idByte = reader.ReadByte();
            if (idByte > (byte)SectionId.DataCount) throw reader.Error($"malformed section id {idByte}");
            var id = (SectionId)idByte;
            var size = reader.ReadIndex();
            if (size > reader.Remaining) throw reader.Error($"section size {size} out of bounds (unexpected end)");
            var sectionStart = reader.AbsoluteOffset;
            var section = new WasmReader(reader.ReadBytes(size), sectionStart);
            if (id != SectionId.Custom)
            {
                var order = OrderOf(id);
                if (order <= lastOrder) throw new MalformedModuleException($"unexpected section {id}: sections out of order or duplicated (junk after last section?)", sectionStart - 1);
                lastOrder = order;
            }
            state.SectionOffsets[id] = sectionStart;
            DecodeSection(id, section, state);
            if (!section.AtEnd) throw section.Error($"section size mismatch: {section.Remaining} bytes left over in {id} section");
        }

        if (state.FunctionTypeIndices.Count != state.Bodies.Count)
            throw new MalformedModuleException("function and code section have inconsistent lengths", binary.Length);
        if (state.DataCount is { } dataCount && dataCount != state.Data.Count)
            throw new MalformedModuleException("data count and data section have inconsistent lengths", binary.Length);
        return state.Build();
    }

    private static void DecodeSection(SectionId id, WasmReader r, DecodeState s)
    {
        switch (id)
        {
            case SectionId.Custom: DecodeCustom(r, s); break;
            case SectionId.Type:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxTypes, "types"); i < n; i++) s.Types.Add(ReadFuncType(r));
                break;
            case SectionId.Import:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxImports, "imports"); i < n; i++) s.AddImport(ReadImport(r));
                break;
            case SectionId.Function:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxFunctions, "functions"); i < n; i++) s.FunctionTypeIndices.Add(r.ReadIndex());
                break;
            case SectionId.Table:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxTables, "tables"); i < n; i++) s.Tables.Add(ReadTableType(r));
                break;
            case SectionId.Memory:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxMemories, "memories"); i < n; i++) s.Memories.Add(ReadMemoryType(r));
                break;
            case SectionId.Global:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxGlobals, "globals"); i < n; i++)
                {
                    s.Globals.Add(ReadGlobalType(r));
                    s.GlobalInitializers.Add(ReadConstExpr(r));
                }
                break;
            case SectionId.Export:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxExports, "exports"); i < n; i++)
                {
                    var name = r.ReadName();
                    var kind = ReadExternKind(r);
                    s.Exports.Add(new Export(name, kind, r.ReadIndex()));
                }
                break;
            case SectionId.Start: s.Start = r.ReadIndex(); break;
            case SectionId.Element:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxElementSegments, "element segments"); i < n; i++) s.Elements.Add(ReadElement(r));
                break;
            case SectionId.DataCount: s.DataCount = r.ReadIndex(); break;
            case SectionId.Code:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxFunctions, "function bodies"); i < n; i++) s.Bodies.Add(ReadBody(r));
                break;
            case SectionId.Data:
                for (int i = 0, n = r.ReadCount(WasmLimits.MaxDataSegments, "data segments"); i < n; i++) s.Data.Add(ReadData(r));
                break;
        }
    }

    private static void DecodeCustom(WasmReader r, DecodeState s)
    {
        var name = r.ReadName();
        var content = r.ReadBytes(r.Remaining);
        s.Customs.Add(new CustomSection(name, content));
        if (name == "name") s.Names = NameSectionDecoder.TryDecode(content);
    }

    public static ValueType ReadValueType(WasmReader r)
    {
        var b = r.ReadByte();
        return b switch
        {
            0x7F or 0x7E or 0x7D or 0x7C or 0x7B or 0x70 or 0x6F => (ValueType)b,
            _ => throw new MalformedModuleException($"malformed value type 0x{b:x2}", r.AbsoluteOffset - 1),
        };
    }

    private static ValueType ReadReferenceType(WasmReader r)
    {
        var b = r.ReadByte();
        return b switch
        {
            0x70 or 0x6F => (ValueType)b,
            _ => throw new MalformedModuleException($"malformed reference type 0x{b:x2}", r.AbsoluteOffset - 1),
        };
    }

    public static FuncType ReadFuncType(WasmReader r)
    {
        var form = r.ReadByte();
        if (form != 0x60) throw new MalformedModuleException($"malformed function type form 0x{form:x2}", r.AbsoluteOffset - 1);
        var parameters = new ValueType[r.ReadCount(WasmLimits.MaxParams, "parameters")];
        for (var i = 0; i < parameters.Length; i++) parameters[i] = ReadValueType(r);
        var results = new ValueType[r.ReadCount(WasmLimits.MaxResults, "results")];
        for (var i = 0; i < results.Length; i++) results[i] = ReadValueType(r);
        return new FuncType(parameters, results);
    }

    private static ExternKind ReadExternKind(WasmReader r)
    {
        var b = r.ReadByte();
        if (b > 3) throw new MalformedModuleException($"malformed import/export kind 0x{b:x2}", r.AbsoluteOffset - 1);
        return (ExternKind)b;
    }

    private static Import ReadImport(WasmReader r)
    {
        var module = r.ReadName();
        return ReadImportDescription(r, module, r.ReadName());
    }

    /// <summary>An import's kind and type after its names (also the shape of a component's core module-type declarators).</summary>
    public static Import ReadImportDescription(WasmReader r, string module, string name)
    {
        var kind = ReadExternKind(r);
        return kind switch
        {
            ExternKind.Function => new Import(module, name, kind) { FunctionTypeIndex = r.ReadIndex() },
            ExternKind.Table => new Import(module, name, kind) { Table = ReadTableType(r) },
            ExternKind.Memory => new Import(module, name, kind) { Memory = ReadMemoryType(r) },
            _ => new Import(module, name, kind) { Global = ReadGlobalType(r) },
        };
    }

    private static Limits ReadLimits(WasmReader r)
    {
        var flag = r.ReadByte();
        return flag switch
        {
            0x00 => new Limits(r.ReadU32(), null),
            0x01 => new Limits(r.ReadU32(), r.ReadU32()),
            _ => throw new MalformedModuleException($"malformed limits flags 0x{flag:x2} (integer too large?)", r.AbsoluteOffset - 1),
        };
    }

    private static TableType ReadTableType(WasmReader r)
    {
        var element = ReadReferenceType(r);
        return new TableType(element, ReadLimits(r));
    }

    private static MemoryType ReadMemoryType(WasmReader r) => new(ReadLimits(r));

    private static GlobalType ReadGlobalType(WasmReader r)
    {
        var type = ReadValueType(r);
        var mutability = r.ReadByte();
        if (mutability > 1) throw new MalformedModuleException($"malformed mutability 0x{mutability:x2}", r.AbsoluteOffset - 1);
        return new GlobalType(type, mutability == 1);
    }

    /// <summary>Reads a constant expression up to and including its <c>end</c>.</summary>
    public static ConstExpr ReadConstExpr(WasmReader r)
    {
        var start = r.AbsoluteOffset;
        var instructions = new List<ConstInstruction>(2);
        while (true)
        {
            if (instructions.Count > WasmLimits.MaxConstExprLength) throw r.Error("constant expression too long");
            var opcode = r.ReadByte();
            switch (opcode)
            {
                case 0x0B: return new ConstExpr(instructions.ToArray(), start);
                case 0x41: instructions.Add(new(opcode, (ulong)(long)r.ReadS32())); break;
                case 0x42: instructions.Add(new(opcode, (ulong)r.ReadS64())); break;
                case 0x43: instructions.Add(new(opcode, r.ReadF32Bits())); break;
                case 0x44: instructions.Add(new(opcode, r.ReadF64Bits())); break;
                case 0x23: instructions.Add(new(opcode, r.ReadU32())); break;
                case 0xD0: instructions.Add(new(opcode, (ulong)ReadReferenceType(r))); break;
                case 0xD2: instructions.Add(new(opcode, r.ReadU32())); break;
                case 0x6A or 0x6B or 0x6C or 0x7C or 0x7D or 0x7E: instructions.Add(new(opcode, 0)); break;
                case (byte)Opcodes.SimdPrefix:
                {
                    var at = r.AbsoluteOffset - 1;
                    var subOpcode = r.ReadU32();
                    if (subOpcode != SimdOps.Const)
                        throw new InvalidModuleException($"constant expression required (opcode 0xfd 0x{subOpcode:x} is not constant)", at);
                    var (low, high) = InstructionImmediates.ReadV128(r);
                    instructions.Add(new(Opcodes.V128Const, low, high));
                    break;
                }
                default:
                    throw new InvalidModuleException($"constant expression required (opcode 0x{opcode:x2} is not constant)", r.AbsoluteOffset - 1);
            }
        }
    }

    private static ConstExpr[] ReadFunctionIndexItems(WasmReader r)
    {
        var items = new ConstExpr[r.ReadCount(WasmLimits.MaxTableElements, "element items")];
        for (var i = 0; i < items.Length; i++)
        {
            var at = r.AbsoluteOffset;
            items[i] = new ConstExpr([new ConstInstruction(Opcodes.RefFunc, r.ReadU32())], at);
        }
        return items;
    }

    private static ConstExpr[] ReadExpressionItems(WasmReader r)
    {
        var items = new ConstExpr[r.ReadCount(WasmLimits.MaxTableElements, "element items")];
        for (var i = 0; i < items.Length; i++) items[i] = ReadConstExpr(r);
        return items;
    }

    private static void ReadElementKind(WasmReader r)
    {
        var kind = r.ReadByte();
        if (kind != 0x00) throw new MalformedModuleException($"malformed element kind 0x{kind:x2}", r.AbsoluteOffset - 1);
    }

    private static ElementSegment ReadElement(WasmReader r)
    {
        var flagsAt = r.AbsoluteOffset;
        var flags = r.ReadU32();
        switch (flags)
        {
            case 0:
            {
                var offset = ReadConstExpr(r);
                return new ElementSegment(SegmentMode.Active, ValueType.FuncRef, ReadFunctionIndexItems(r)) { Offset = offset };
            }
            case 1:
            case 3:
                ReadElementKind(r);
                return new ElementSegment(flags == 1 ? SegmentMode.Passive : SegmentMode.Declarative, ValueType.FuncRef, ReadFunctionIndexItems(r));
            case 2:
            {
                var table = r.ReadIndex();
                var offset = ReadConstExpr(r);
                ReadElementKind(r);
                return new ElementSegment(SegmentMode.Active, ValueType.FuncRef, ReadFunctionIndexItems(r)) { TableIndex = table, Offset = offset };
            }
            case 4:
            {
                var offset = ReadConstExpr(r);
                return new ElementSegment(SegmentMode.Active, ValueType.FuncRef, ReadExpressionItems(r)) { Offset = offset };
            }
            case 5:
            case 7:
            {
                var type = ReadReferenceType(r);
                return new ElementSegment(flags == 5 ? SegmentMode.Passive : SegmentMode.Declarative, type, ReadExpressionItems(r));
            }
            case 6:
            {
                var table = r.ReadIndex();
                var offset = ReadConstExpr(r);
                var type = ReadReferenceType(r);
                return new ElementSegment(SegmentMode.Active, type, ReadExpressionItems(r)) { TableIndex = table, Offset = offset };
            }
            default:
                throw new MalformedModuleException($"malformed elements segment kind {flags}", flagsAt);
        }
    }

    private static DataSegment ReadData(WasmReader r)
    {
        var flagsAt = r.AbsoluteOffset;
        var flags = r.ReadU32();
        switch (flags)
        {
            case 0:
            {
                var offset = ReadConstExpr(r);
                return new DataSegment(SegmentMode.Active, ReadByteVector(r)) { Offset = offset };
            }
            case 1:
                return new DataSegment(SegmentMode.Passive, ReadByteVector(r));
            case 2:
            {
                var memory = r.ReadIndex();
                var offset = ReadConstExpr(r);
                return new DataSegment(SegmentMode.Active, ReadByteVector(r)) { MemoryIndex = memory, Offset = offset };
            }
            default:
                throw new MalformedModuleException($"malformed data segment kind {flags}", flagsAt);
        }
    }

    private static ReadOnlyMemory<byte> ReadByteVector(WasmReader r) => r.ReadBytes(r.ReadCount(int.MaxValue, "data bytes"));

    private static FunctionBody ReadBody(WasmReader r)
    {
        var size = r.ReadIndex();
        if (size > WasmLimits.MaxFunctionSize) throw r.Error($"function body too large ({size} bytes)");
        var bodyStart = r.AbsoluteOffset;
        var body = new WasmReader(r.ReadBytes(size), bodyStart);
        var groups = body.ReadCount(WasmLimits.MaxFunctionLocals, "local declarations");
        var locals = new List<ValueType>();
        long total = 0;
        for (var i = 0; i < groups; i++)
        {
            var count = body.ReadU32();
            total += count;
            if (total > WasmLimits.MaxFunctionLocals) throw body.Error($"too many locals ({total}, limit {WasmLimits.MaxFunctionLocals})");
            var type = ReadValueType(body);
            for (var j = 0; j < count; j++) locals.Add(type);
        }
        var codeStart = body.AbsoluteOffset;
        var code = body.ReadBytes(body.Remaining);
        if (code.Length == 0 || code.Span[^1] != 0x0B) throw new MalformedModuleException("END opcode expected at the end of the function body", codeStart + code.Length);
        return new FunctionBody(locals.ToArray(), code, codeStart);
    }

    /// <summary>Accumulates sections while decoding, then lays out the index spaces.</summary>
    private sealed class DecodeState
    {
        public readonly List<FuncType> Types = [];
        public readonly List<Import> Imports = [];
        public readonly List<int> ImportedFunctionTypes = [];
        public readonly List<TableType> ImportedTables = [];
        public readonly List<MemoryType> ImportedMemories = [];
        public readonly List<GlobalType> ImportedGlobals = [];
        public readonly List<int> FunctionTypeIndices = [];
        public readonly List<TableType> Tables = [];
        public readonly List<MemoryType> Memories = [];
        public readonly List<GlobalType> Globals = [];
        public readonly List<ConstExpr> GlobalInitializers = [];
        public readonly List<Export> Exports = [];
        public readonly List<ElementSegment> Elements = [];
        public readonly List<DataSegment> Data = [];
        public readonly List<FunctionBody> Bodies = [];
        public readonly List<CustomSection> Customs = [];
        public readonly Dictionary<SectionId, int> SectionOffsets = [];
        public int? Start;
        public int? DataCount;
        public NameSection Names = new();

        public void AddImport(Import import)
        {
            Imports.Add(import);
            switch (import.Kind)
            {
                case ExternKind.Function: ImportedFunctionTypes.Add(import.FunctionTypeIndex); break;
                case ExternKind.Table: ImportedTables.Add(import.Table!); break;
                case ExternKind.Memory: ImportedMemories.Add(import.Memory!); break;
                case ExternKind.Global: ImportedGlobals.Add(import.Global!); break;
            }
        }

        public ModuleDefinition Build() => new()
        {
            Types = Types.ToArray(),
            Imports = Imports.ToArray(),
            FunctionTypes = [.. ImportedFunctionTypes, .. FunctionTypeIndices],
            ImportedFunctionCount = ImportedFunctionTypes.Count,
            Tables = [.. ImportedTables, .. Tables],
            ImportedTableCount = ImportedTables.Count,
            Memories = [.. ImportedMemories, .. Memories],
            ImportedMemoryCount = ImportedMemories.Count,
            Globals = [.. ImportedGlobals, .. Globals],
            ImportedGlobalCount = ImportedGlobals.Count,
            GlobalInitializers = GlobalInitializers.ToArray(),
            Exports = Exports.ToArray(),
            StartFunction = Start,
            Elements = Elements.ToArray(),
            Data = Data.ToArray(),
            DataCount = DataCount,
            Bodies = Bodies.ToArray(),
            CustomSections = Customs.ToArray(),
            Names = Names,
            SectionOffsets = SectionOffsets,
        };
    }
}
