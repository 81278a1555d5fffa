using WasmCloud.Components.Format;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Decoding;

namespace WasmCloud.Components.Decoding;

/// <summary>
/// Decodes a component binary (<c>design/mvp/Binary.md</c>) into its definitions in order. Checks form only;
/// the translator validates. Features this runtime leaves out raise <see cref="UnsupportedFeatureException"/>.
/// </summary>
public static class ComponentDecoder
{
    private static ReadOnlySpan<byte> Preamble => [0x00, 0x61, 0x73, 0x6D, 0x0d, 0x00, 0x01, 0x00];

    /// <summary>True when the binary starts like a component rather than a core module.</summary>
    public static bool IsComponent(ReadOnlySpan<byte> binary) => binary.Length >= 8 && binary[..8].SequenceEqual(Preamble);

    public static ComponentSyntax Decode(ReadOnlyMemory<byte> binary) => Decode(new WasmReader(binary), 0);

    private static ComponentSyntax Decode(WasmReader reader, int depth)
    {
        if (depth > ComponentLimits.MaxNesting) throw reader.Error("components nested too deeply");
        ReadPreamble(reader);
        var definitions = new List<Definition>();
        while (!reader.AtEnd)
        {
            var id = reader.ReadByte();
            var size = reader.ReadIndex();
            if (size > reader.Remaining) throw reader.Error($"section size {size} out of bounds (unexpected end)");
            var section = new WasmReader(reader.ReadBytes(size), reader.AbsoluteOffset - size);
            DecodeSection(id, section, definitions, depth);
            if (!section.AtEnd) throw section.Error($"section size mismatch: {section.Remaining} bytes left over in section {id}");
        }
        return new ComponentSyntax([.. definitions]);
    }

    private static void ReadPreamble(WasmReader reader)
    {
        if (reader.Remaining < 4 || !reader.ReadBytes(4).Span.SequenceEqual(Preamble[..4])) throw reader.Error("magic header not detected");
        if (reader.Remaining < 4) throw reader.Error("unexpected end: missing version");
        var version = reader.ReadBytes(2).Span;
        var layer = reader.ReadBytes(2).Span;
        if (layer[0] == 0 && layer[1] == 0) throw reader.Error("expected a component, found a core module (layer 0)");
        if (layer[0] != 1 || layer[1] != 0) throw reader.Error($"unknown binary layer {layer[0] | layer[1] << 8}");
        if (version[0] != 0x0d || version[1] != 0) throw reader.Error($"unknown component binary version 0x{version[0] | version[1] << 8:x}");
    }

    private static void DecodeSection(byte id, WasmReader r, List<Definition> definitions, int depth)
    {
        switch (id)
        {
            case 0:
                r.ReadName();
                r.Position = r.Position + r.Remaining;
                break;
            case 1: definitions.Add(new CoreModuleDefinition(r.ReadBytes(r.Remaining), r.AbsoluteOffset)); break;
            case 2: ReadVector(r, definitions, ReadCoreInstance); break;
            case 3: ReadVector(r, definitions, x => new CoreTypeDefinition(TypeDecoder.ReadCoreType(x), x.AbsoluteOffset)); break;
            case 4:
                var offset = r.AbsoluteOffset;
                definitions.Add(new ComponentDefinition(Decode(new WasmReader(r.ReadBytes(r.Remaining), offset), depth + 1), offset));
                break;
            case 5: ReadVector(r, definitions, ReadInstance); break;
            case 6: ReadVector(r, definitions, x => new AliasDefinition(TypeDecoder.ReadAlias(x), x.AbsoluteOffset)); break;
            case 7: ReadVector(r, definitions, x => new TypeDefinition(TypeDecoder.ReadDefType(x, depth), x.AbsoluteOffset)); break;
            case 8: ReadVector(r, definitions, x => new CanonDefinition(CanonDecoder.ReadCanon(x), x.AbsoluteOffset)); break;
            case 9: throw new UnsupportedFeatureException("start definitions (🪙)", r.AbsoluteOffset);
            case 10: ReadVector(r, definitions, ReadImport); break;
            case 11: ReadVector(r, definitions, ReadExport); break;
            case 12: throw new UnsupportedFeatureException("value definitions (🪙)", r.AbsoluteOffset);
            default: throw new MalformedModuleException($"malformed section id {id}", r.AbsoluteOffset - 1);
        }
    }

    private static void ReadVector(WasmReader r, List<Definition> definitions, Func<WasmReader, Definition> read)
    {
        var count = r.ReadCount(ComponentLimits.MaxDefinitionsPerSection, "definitions");
        for (var i = 0; i < count; i++) definitions.Add(read(r));
    }

    private static Definition ReadCoreInstance(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        switch (r.ReadByte())
        {
            case 0x00:
                var module = r.ReadIndex();
                var args = new CoreInstantiateArg[r.ReadCount(ComponentLimits.MaxArgs, "instantiation arguments")];
                for (var i = 0; i < args.Length; i++)
                {
                    var name = r.ReadName();
                    var sort = r.ReadByte();
                    if (sort != 0x12) throw new MalformedModuleException($"malformed core instantiation argument sort 0x{sort:x2}", r.AbsoluteOffset - 1);
                    args[i] = new CoreInstantiateArg(name, r.ReadIndex());
                }
                return new CoreInstantiateDefinition(module, args, offset);
            case 0x01:
                return new CoreInlineInstanceDefinition(ReadInlineExports(r, x => x.ReadName(), SortDecoder.ReadCoreSort), offset);
            default:
                throw new MalformedModuleException("malformed core instance expression", offset);
        }
    }

    private static Definition ReadInstance(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        switch (r.ReadByte())
        {
            case 0x00:
                var component = r.ReadIndex();
                var args = new InstantiateArg[r.ReadCount(ComponentLimits.MaxArgs, "instantiation arguments")];
                for (var i = 0; i < args.Length; i++) args[i] = new InstantiateArg(r.ReadName(), SortDecoder.ReadSortIndex(r));
                return new InstantiateDefinition(component, args, offset);
            case 0x01:
                return new InlineInstanceDefinition(ReadInlineExports(r, NameDecoder.ReadExternName, SortDecoder.ReadSort), offset);
            default:
                throw new MalformedModuleException("malformed instance expression", offset);
        }
    }

    private static InlineExport[] ReadInlineExports(WasmReader r, Func<WasmReader, string> readName, Func<WasmReader, Sort> readSort)
    {
        var exports = new InlineExport[r.ReadCount(ComponentLimits.MaxArgs, "inline exports")];
        for (var i = 0; i < exports.Length; i++)
        {
            var name = readName(r);
            exports[i] = new InlineExport(name, new SortIndex(readSort(r), r.ReadIndex()));
        }
        return exports;
    }

    private static Definition ReadImport(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        var name = NameDecoder.ReadExternName(r);
        return new ImportDefinition(name, TypeDecoder.ReadExternType(r), offset);
    }

    private static Definition ReadExport(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        var name = NameDecoder.ReadExternName(r);
        var item = SortDecoder.ReadSortIndex(r);
        var ascribed = r.ReadByte() switch
        {
            0x00 => null,
            0x01 => TypeDecoder.ReadExternType(r),
            var b => throw new MalformedModuleException($"malformed optional export type 0x{b:x2}", r.AbsoluteOffset - 1),
        };
        return new ExportDefinition(name, item, ascribed, offset);
    }
}
