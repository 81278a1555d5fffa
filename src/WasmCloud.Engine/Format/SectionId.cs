namespace WasmCloud.Wasm.Format;

/// <summary>The sections of a module binary, by their id byte.</summary>
public enum SectionId : byte
{
    Custom = 0, Type = 1, Import = 2, Function = 3, Table = 4, Memory = 5, Global = 6, Export = 7,
    Start = 8, Element = 9, Code = 10, Data = 11, DataCount = 12,
}
