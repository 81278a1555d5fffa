using WasmCloud.Components.Format;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Decoding;
using WasmCloud.Wasm.Format;

namespace WasmCloud.Components.Decoding;

/// <summary>Reads type definitions: <c>core:type</c>, <c>deftype</c>, <c>externtype</c> and the declarators inside them.</summary>
internal static class TypeDecoder
{
    public static CoreTypeSyntax ReadCoreType(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        switch (r.PeekByte())
        {
            case 0x60:
                return new CoreFuncTypeSyntax(ModuleDecoder.ReadFuncType(r));
            case 0x50:
                r.ReadByte();
                var declarations = new CoreModuleDeclaration[r.ReadCount(ComponentLimits.MaxTypeSize, "module type declarations")];
                for (var i = 0; i < declarations.Length; i++) declarations[i] = ReadCoreModuleDeclaration(r);
                return new CoreModuleTypeSyntax(declarations);
            case 0x00 or 0x4e or 0x4f or 0x5e or 0x5f:
                throw new UnsupportedFeatureException("core GC types (WebAssembly 3.0)", offset);
            default:
                throw new MalformedModuleException($"malformed core type 0x{r.PeekByte():x2}", offset);
        }
    }

    private static CoreModuleDeclaration ReadCoreModuleDeclaration(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        switch (r.ReadByte())
        {
            case 0x00:
                var module = r.ReadName();
                return ToImportDeclaration(ModuleDecoder.ReadImportDescription(r, module, r.ReadName()));
            case 0x01:
                var type = ReadCoreType(r);
                if (type is CoreModuleTypeSyntax) throw new InvalidModuleException("a module type cannot be declared inside a module type", offset);
                return new CoreTypeInModuleDeclaration(type);
            case 0x02:
                if (r.ReadByte() != 0x10 || r.ReadByte() != 0x01) throw new MalformedModuleException("malformed core alias in a module type", offset);
                return new CoreOuterAliasDeclaration(r.ReadIndex(), r.ReadIndex());
            case 0x03:
                var name = r.ReadName();
                var export = ModuleDecoder.ReadImportDescription(r, "", name);
                return new CoreExportDeclaration(name, ToImportDeclaration(export).Type);
            default:
                throw new MalformedModuleException("malformed module type declaration", offset);
        }
    }

    private static CoreImportDeclaration ToImportDeclaration(Import import) =>
        new(import.Module, import.Name, new CoreExternTypeSyntax(import.Kind, import.FunctionTypeIndex, import.Table, import.Memory, import.Global));

    public static AliasSyntax ReadAlias(WasmReader r)
    {
        var sort = SortDecoder.ReadSort(r);
        var offset = r.AbsoluteOffset;
        return r.ReadByte() switch
        {
            0x00 => new InstanceExportAlias(sort, r.ReadIndex(), r.ReadName()),
            0x01 => new CoreInstanceExportAlias(sort, r.ReadIndex(), r.ReadName()),
            0x02 => new OuterAlias(sort, r.ReadIndex(), r.ReadIndex()),
            var b => throw new MalformedModuleException($"malformed alias target 0x{b:x2}", offset),
        };
    }

    public static DefTypeSyntax ReadDefType(WasmReader r, int depth)
    {
        if (depth > ComponentLimits.MaxNesting) throw r.Error("types nested too deeply");
        var offset = r.AbsoluteOffset;
        var b = r.ReadByte();
        switch (b)
        {
            case 0x40:
                var parameters = ReadLabeledTypes(r);
                return new FuncTypeSyntax(parameters, ReadResultList(r));
            case 0x43:
                throw new UnsupportedFeatureException("async function types (🔀)", offset);
            case 0x41:
                return new ComponentTypeSyntax(ReadDeclarations(r, depth, component: true));
            case 0x42:
                return new InstanceTypeSyntax(ReadDeclarations(r, depth, component: false));
            case 0x3f:
                var representation = ModuleDecoder.ReadValueType(r);
                return new ResourceTypeSyntax(representation, ReadOptional(r, x => (int?)x.ReadIndex()));
            case 0x3e:
                throw new UnsupportedFeatureException("async resource destructors (🔀)", offset);
            default:
                r.Position--;
                return ValueTypeDecoder.ReadDefValType(r);
        }
    }

    private static ValTypeRef? ReadResultList(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        switch (r.ReadByte())
        {
            case 0x00:
                return ValueTypeDecoder.ReadValType(r);
            case 0x01:
                if (r.ReadByte() != 0x00) throw new MalformedModuleException("named function results are not allowed", offset);
                return null;
            default:
                throw new MalformedModuleException("malformed function result list", offset);
        }
    }

    internal static LabeledType[] ReadLabeledTypes(WasmReader r)
    {
        var labeled = new LabeledType[r.ReadCount(ComponentLimits.MaxTypeSize, "fields or parameters")];
        for (var i = 0; i < labeled.Length; i++) labeled[i] = new LabeledType(r.ReadName(), ValueTypeDecoder.ReadValType(r));
        return labeled;
    }

    private static Declaration[] ReadDeclarations(WasmReader r, int depth, bool component)
    {
        var declarations = new Declaration[r.ReadCount(ComponentLimits.MaxTypeSize, "type declarations")];
        for (var i = 0; i < declarations.Length; i++)
        {
            var offset = r.AbsoluteOffset;
            var tag = r.ReadByte();
            declarations[i] = tag switch
            {
                0x00 => new CoreTypeDeclaration(ReadCoreType(r), offset),
                0x01 => new TypeDeclaration(ReadDefType(r, depth + 1), offset),
                0x02 => new AliasDeclaration(ReadAlias(r), offset),
                0x03 when component => new ImportDeclaration(NameDecoder.ReadExternName(r), ReadExternType(r), offset),
                0x04 => new ExportDeclaration(NameDecoder.ReadExternName(r), ReadExternType(r), offset),
                _ => throw new MalformedModuleException($"malformed {(component ? "component" : "instance")} type declaration 0x{tag:x2}", offset),
            };
        }
        return declarations;
    }

    public static ExternTypeSyntax ReadExternType(WasmReader r)
    {
        var offset = r.AbsoluteOffset;
        switch (r.ReadByte())
        {
            case 0x00:
                if (r.ReadByte() != 0x11) throw new MalformedModuleException("malformed core module extern type", offset);
                return new ExternTypeSyntax(ExternTypeKind.CoreModule, r.ReadIndex());
            case 0x01: return new ExternTypeSyntax(ExternTypeKind.Func, r.ReadIndex());
            case 0x02: throw new UnsupportedFeatureException("value imports and exports (🪙)", offset);
            case 0x03:
                return r.ReadByte() switch
                {
                    0x00 => new ExternTypeSyntax(ExternTypeKind.Type, r.ReadIndex()),
                    0x01 => new ExternTypeSyntax(ExternTypeKind.Type, -1, IsSubResource: true),
                    _ => throw new MalformedModuleException("malformed type bound", r.AbsoluteOffset - 1),
                };
            case 0x04: return new ExternTypeSyntax(ExternTypeKind.Component, r.ReadIndex());
            case 0x05: return new ExternTypeSyntax(ExternTypeKind.Instance, r.ReadIndex());
            default: throw new MalformedModuleException("malformed extern type", offset);
        }
    }

    /// <summary><c>T?</c>: 0x00 for none, 0x01 then a T.</summary>
    public static T? ReadOptional<T>(WasmReader r, Func<WasmReader, T?> read)
    {
        var offset = r.AbsoluteOffset;
        return r.ReadByte() switch
        {
            0x00 => default,
            0x01 => read(r),
            var b => throw new MalformedModuleException($"malformed optional marker 0x{b:x2}", offset),
        };
    }
}
