using WasmCloud.Components.Format;
using WasmCloud.Wasm;
using WasmCloud.Wasm.Decoding;

namespace WasmCloud.Components.Decoding;

/// <summary>Reads <c>sort</c>, <c>core:sort</c> and <c>sortidx</c>.</summary>
internal static class SortDecoder
{
    public static Sort ReadCoreSort(WasmReader r)
    {
        var b = r.ReadByte();
        return b switch
        {
            0x00 => Sort.CoreFunc,
            0x01 => Sort.CoreTable,
            0x02 => Sort.CoreMemory,
            0x03 => Sort.CoreGlobal,
            0x04 => Sort.CoreTag,
            0x10 => Sort.CoreType,
            0x11 => Sort.CoreModule,
            0x12 => Sort.CoreInstance,
            _ => throw new MalformedModuleException($"malformed core sort 0x{b:x2}", r.AbsoluteOffset - 1),
        };
    }

    public static Sort ReadSort(WasmReader r)
    {
        var b = r.ReadByte();
        return b switch
        {
            0x00 => ReadCoreSort(r),
            0x01 => Sort.Func,
            0x02 => throw new UnsupportedFeatureException("value sort (🪙)", r.AbsoluteOffset - 1),
            0x03 => Sort.Type,
            0x04 => Sort.Component,
            0x05 => Sort.Instance,
            _ => throw new MalformedModuleException($"malformed sort 0x{b:x2}", r.AbsoluteOffset - 1),
        };
    }

    public static SortIndex ReadSortIndex(WasmReader r)
    {
        var sort = ReadSort(r);
        return new SortIndex(sort, r.ReadIndex());
    }
}
