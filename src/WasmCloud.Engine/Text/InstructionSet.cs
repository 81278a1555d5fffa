using WasmCloud.Wasm.Format;

namespace WasmCloud.Wasm.Text;

/// <summary>What follows an instruction's name in the text, and so what follows its opcode in the binary.</summary>
internal enum Immediate
{
    None,
    Label,
    LabelTable,
    Function,
    CallIndirect,
    Local,
    Global,
    OptionalTable,
    MemoryArgument,
    I32,
    I64,
    F32,
    F64,
    HeapType,
    Select,
    /// <summary>A reserved memory index byte per memory the instruction names (memory.size/grow/fill/copy).</summary>
    ZeroBytes,
    MemoryInit,
    Data,
    Element,
    TableInit,
    TableCopy,
    /// <summary>A SIMD instruction; the operand is its sub-opcode, which decides its immediates.</summary>
    Simd,
}

/// <summary>
/// One plain instruction: its opcode and immediate kind. <paramref name="Operand"/> completes the immediate:
/// log2 of the natural alignment of a load or store, the number of reserved zero bytes, or a SIMD sub-opcode.
/// </summary>
internal readonly record struct InstructionInfo(ushort Opcode, Immediate Immediate, int Operand = 0);

/// <summary>The plain (non-structured) instructions of WebAssembly 2.0, SIMD included, by text name.</summary>
internal static class InstructionSet
{
    public static bool TryGet(string name, out InstructionInfo info) => ByName.TryGetValue(name, out info);

    /// <summary>The numeric instructions 0x45–0xC4, in opcode order.</summary>
    private static readonly string[] NumericNames =
    [
        "i32.eqz", "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u", "i32.le_s", "i32.le_u", "i32.ge_s", "i32.ge_u",
        "i64.eqz", "i64.eq", "i64.ne", "i64.lt_s", "i64.lt_u", "i64.gt_s", "i64.gt_u", "i64.le_s", "i64.le_u", "i64.ge_s", "i64.ge_u",
        "f32.eq", "f32.ne", "f32.lt", "f32.gt", "f32.le", "f32.ge",
        "f64.eq", "f64.ne", "f64.lt", "f64.gt", "f64.le", "f64.ge",
        "i32.clz", "i32.ctz", "i32.popcnt", "i32.add", "i32.sub", "i32.mul", "i32.div_s", "i32.div_u", "i32.rem_s", "i32.rem_u",
        "i32.and", "i32.or", "i32.xor", "i32.shl", "i32.shr_s", "i32.shr_u", "i32.rotl", "i32.rotr",
        "i64.clz", "i64.ctz", "i64.popcnt", "i64.add", "i64.sub", "i64.mul", "i64.div_s", "i64.div_u", "i64.rem_s", "i64.rem_u",
        "i64.and", "i64.or", "i64.xor", "i64.shl", "i64.shr_s", "i64.shr_u", "i64.rotl", "i64.rotr",
        "f32.abs", "f32.neg", "f32.ceil", "f32.floor", "f32.trunc", "f32.nearest", "f32.sqrt",
        "f32.add", "f32.sub", "f32.mul", "f32.div", "f32.min", "f32.max", "f32.copysign",
        "f64.abs", "f64.neg", "f64.ceil", "f64.floor", "f64.trunc", "f64.nearest", "f64.sqrt",
        "f64.add", "f64.sub", "f64.mul", "f64.div", "f64.min", "f64.max", "f64.copysign",
        "i32.wrap_i64", "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
        "i64.extend_i32_s", "i64.extend_i32_u", "i64.trunc_f32_s", "i64.trunc_f32_u", "i64.trunc_f64_s", "i64.trunc_f64_u",
        "f32.convert_i32_s", "f32.convert_i32_u", "f32.convert_i64_s", "f32.convert_i64_u", "f32.demote_f64",
        "f64.convert_i32_s", "f64.convert_i32_u", "f64.convert_i64_s", "f64.convert_i64_u", "f64.promote_f32",
        "i32.reinterpret_f32", "i64.reinterpret_f64", "f32.reinterpret_i32", "f64.reinterpret_i64",
        "i32.extend8_s", "i32.extend16_s", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s",
    ];

    private static readonly string[] SaturatingNames =
    [
        "i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
        "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u",
    ];

    /// <summary>Loads and stores 0x28–0x3E in opcode order, with log2 of their natural alignment.</summary>
    private static readonly (string Name, int AlignmentLog2)[] MemoryNames =
    [
        ("i32.load", 2), ("i64.load", 3), ("f32.load", 2), ("f64.load", 3),
        ("i32.load8_s", 0), ("i32.load8_u", 0), ("i32.load16_s", 1), ("i32.load16_u", 1),
        ("i64.load8_s", 0), ("i64.load8_u", 0), ("i64.load16_s", 1), ("i64.load16_u", 1), ("i64.load32_s", 2), ("i64.load32_u", 2),
        ("i32.store", 2), ("i64.store", 3), ("f32.store", 2), ("f64.store", 3),
        ("i32.store8", 0), ("i32.store16", 1), ("i64.store8", 0), ("i64.store16", 1), ("i64.store32", 2),
    ];

    // Declared after the name arrays, because static fields initialise in text order.
    private static readonly Dictionary<string, InstructionInfo> ByName = Build();

    private static Dictionary<string, InstructionInfo> Build()
    {
        var table = new Dictionary<string, InstructionInfo>(StringComparer.Ordinal)
        {
            ["unreachable"] = new(Opcodes.Unreachable, Immediate.None),
            ["nop"] = new(Opcodes.Nop, Immediate.None),
            ["br"] = new(Opcodes.Br, Immediate.Label),
            ["br_if"] = new(Opcodes.BrIf, Immediate.Label),
            ["br_table"] = new(Opcodes.BrTable, Immediate.LabelTable),
            ["return"] = new(Opcodes.Return, Immediate.None),
            ["call"] = new(Opcodes.Call, Immediate.Function),
            ["call_indirect"] = new(Opcodes.CallIndirect, Immediate.CallIndirect),
            ["drop"] = new(Opcodes.Drop, Immediate.None),
            ["select"] = new(Opcodes.Select, Immediate.Select),
            ["local.get"] = new(Opcodes.LocalGet, Immediate.Local),
            ["local.set"] = new(Opcodes.LocalSet, Immediate.Local),
            ["local.tee"] = new(Opcodes.LocalTee, Immediate.Local),
            ["global.get"] = new(Opcodes.GlobalGet, Immediate.Global),
            ["global.set"] = new(Opcodes.GlobalSet, Immediate.Global),
            ["table.get"] = new(Opcodes.TableGet, Immediate.OptionalTable),
            ["table.set"] = new(Opcodes.TableSet, Immediate.OptionalTable),
            ["memory.size"] = new(Opcodes.MemorySize, Immediate.ZeroBytes, 1),
            ["memory.grow"] = new(Opcodes.MemoryGrow, Immediate.ZeroBytes, 1),
            ["i32.const"] = new(Opcodes.I32Const, Immediate.I32),
            ["i64.const"] = new(Opcodes.I64Const, Immediate.I64),
            ["f32.const"] = new(Opcodes.F32Const, Immediate.F32),
            ["f64.const"] = new(Opcodes.F64Const, Immediate.F64),
            ["ref.null"] = new(Opcodes.RefNull, Immediate.HeapType),
            ["ref.is_null"] = new(Opcodes.RefIsNull, Immediate.None),
            ["ref.func"] = new(Opcodes.RefFunc, Immediate.Function),
            ["memory.init"] = new(Opcodes.MemoryInit, Immediate.MemoryInit),
            ["data.drop"] = new(Opcodes.DataDrop, Immediate.Data),
            ["memory.copy"] = new(Opcodes.MemoryCopy, Immediate.ZeroBytes, 2),
            ["memory.fill"] = new(Opcodes.MemoryFill, Immediate.ZeroBytes, 1),
            ["table.init"] = new(Opcodes.TableInit, Immediate.TableInit),
            ["elem.drop"] = new(Opcodes.ElemDrop, Immediate.Element),
            ["table.copy"] = new(Opcodes.TableCopy, Immediate.TableCopy),
            ["table.grow"] = new(Opcodes.TableGrow, Immediate.OptionalTable),
            ["table.size"] = new(Opcodes.TableSize, Immediate.OptionalTable),
            ["table.fill"] = new(Opcodes.TableFill, Immediate.OptionalTable),
        };
        for (var i = 0; i < NumericNames.Length; i++) table.Add(NumericNames[i], new((ushort)(Opcodes.I32Eqz + i), Immediate.None));
        for (var i = 0; i < SaturatingNames.Length; i++) table.Add(SaturatingNames[i], new((ushort)(Opcodes.Prefix << 8 | i), Immediate.None));
        for (var i = 0; i < MemoryNames.Length; i++)
            table.Add(MemoryNames[i].Name, new((ushort)(Opcodes.I32Load + i), Immediate.MemoryArgument, MemoryNames[i].AlignmentLog2));
        for (var i = 0; i < SimdInstructionNames.BySubOpcode.Length; i++)
            if (SimdInstructionNames.BySubOpcode[i] is { } name) table.Add(name, new((ushort)(Opcodes.SimdPrefix << 8 | i), Immediate.Simd, i));
        return table;
    }
}
