namespace WasmCloud.Wasm.Text;

/// <summary>The text names of the SIMD instructions (prefix 0xFD) by sub-opcode; null where reserved.</summary>
internal static class SimdInstructionNames
{
    public static readonly string?[] BySubOpcode = Build();

    private static string?[] Build()
    {
        var names = new string?[0x100];
        void Run(int first, params string[] run)
        {
            for (var i = 0; i < run.Length; i++) names[first + i] = run[i];
        }
        string[] Shape(string shape, params string[] operations) => [.. operations.Select(o => $"{shape}.{o}")];
        string[] integerComparisons = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
        string[] floatComparisons = ["eq", "ne", "lt", "gt", "le", "ge"];

        Run(0x00, "v128.load", "v128.load8x8_s", "v128.load8x8_u", "v128.load16x4_s", "v128.load16x4_u", "v128.load32x2_s",
            "v128.load32x2_u", "v128.load8_splat", "v128.load16_splat", "v128.load32_splat", "v128.load64_splat", "v128.store",
            "v128.const", "i8x16.shuffle", "i8x16.swizzle", "i8x16.splat", "i16x8.splat", "i32x4.splat", "i64x2.splat",
            "f32x4.splat", "f64x2.splat", "i8x16.extract_lane_s", "i8x16.extract_lane_u", "i8x16.replace_lane",
            "i16x8.extract_lane_s", "i16x8.extract_lane_u", "i16x8.replace_lane", "i32x4.extract_lane", "i32x4.replace_lane",
            "i64x2.extract_lane", "i64x2.replace_lane", "f32x4.extract_lane", "f32x4.replace_lane", "f64x2.extract_lane",
            "f64x2.replace_lane");
        Run(0x23, Shape("i8x16", integerComparisons));
        Run(0x2D, Shape("i16x8", integerComparisons));
        Run(0x37, Shape("i32x4", integerComparisons));
        Run(0x41, Shape("f32x4", floatComparisons));
        Run(0x47, Shape("f64x2", floatComparisons));
        Run(0x4D, "v128.not", "v128.and", "v128.andnot", "v128.or", "v128.xor", "v128.bitselect", "v128.any_true",
            "v128.load8_lane", "v128.load16_lane", "v128.load32_lane", "v128.load64_lane",
            "v128.store8_lane", "v128.store16_lane", "v128.store32_lane", "v128.store64_lane",
            "v128.load32_zero", "v128.load64_zero", "f32x4.demote_f64x2_zero", "f64x2.promote_low_f32x4");
        Run(0x60, Shape("i8x16", "abs", "neg", "popcnt", "all_true", "bitmask", "narrow_i16x8_s", "narrow_i16x8_u"));
        Run(0x67, Shape("f32x4", "ceil", "floor", "trunc", "nearest"));
        Run(0x6B, Shape("i8x16", "shl", "shr_s", "shr_u", "add", "add_sat_s", "add_sat_u", "sub", "sub_sat_s", "sub_sat_u"));
        Run(0x74, "f64x2.ceil", "f64x2.floor", "i8x16.min_s", "i8x16.min_u", "i8x16.max_s", "i8x16.max_u", "f64x2.trunc",
            "i8x16.avgr_u", "i16x8.extadd_pairwise_i8x16_s", "i16x8.extadd_pairwise_i8x16_u",
            "i32x4.extadd_pairwise_i16x8_s", "i32x4.extadd_pairwise_i16x8_u");
        Run(0x80, Shape("i16x8", "abs", "neg", "q15mulr_sat_s", "all_true", "bitmask", "narrow_i32x4_s", "narrow_i32x4_u",
            "extend_low_i8x16_s", "extend_high_i8x16_s", "extend_low_i8x16_u", "extend_high_i8x16_u",
            "shl", "shr_s", "shr_u", "add", "add_sat_s", "add_sat_u", "sub", "sub_sat_s", "sub_sat_u"));
        Run(0x94, "f64x2.nearest", "i16x8.mul", "i16x8.min_s", "i16x8.min_u", "i16x8.max_s", "i16x8.max_u");
        Run(0x9B, Shape("i16x8", "avgr_u", "extmul_low_i8x16_s", "extmul_high_i8x16_s", "extmul_low_i8x16_u", "extmul_high_i8x16_u"));
        Run(0xA0, Shape("i32x4", "abs", "neg"));
        Run(0xA3, Shape("i32x4", "all_true", "bitmask"));
        Run(0xA7, Shape("i32x4", "extend_low_i16x8_s", "extend_high_i16x8_s", "extend_low_i16x8_u", "extend_high_i16x8_u",
            "shl", "shr_s", "shr_u", "add"));
        names[0xB1] = "i32x4.sub";
        Run(0xB5, Shape("i32x4", "mul", "min_s", "min_u", "max_s", "max_u", "dot_i16x8_s"));
        Run(0xBC, Shape("i32x4", "extmul_low_i16x8_s", "extmul_high_i16x8_s", "extmul_low_i16x8_u", "extmul_high_i16x8_u"));
        Run(0xC0, Shape("i64x2", "abs", "neg"));
        Run(0xC3, Shape("i64x2", "all_true", "bitmask"));
        Run(0xC7, Shape("i64x2", "extend_low_i32x4_s", "extend_high_i32x4_s", "extend_low_i32x4_u", "extend_high_i32x4_u",
            "shl", "shr_s", "shr_u", "add"));
        names[0xD1] = "i64x2.sub";
        Run(0xD5, Shape("i64x2", "mul", "eq", "ne", "lt_s", "gt_s", "le_s", "ge_s",
            "extmul_low_i32x4_s", "extmul_high_i32x4_s", "extmul_low_i32x4_u", "extmul_high_i32x4_u"));
        Run(0xE0, Shape("f32x4", "abs", "neg"));
        Run(0xE3, Shape("f32x4", "sqrt", "add", "sub", "mul", "div", "min", "max", "pmin", "pmax"));
        Run(0xEC, Shape("f64x2", "abs", "neg"));
        Run(0xEF, Shape("f64x2", "sqrt", "add", "sub", "mul", "div", "min", "max", "pmin", "pmax"));
        Run(0xF8, "i32x4.trunc_sat_f32x4_s", "i32x4.trunc_sat_f32x4_u", "f32x4.convert_i32x4_s", "f32x4.convert_i32x4_u",
            "i32x4.trunc_sat_f64x2_s_zero", "i32x4.trunc_sat_f64x2_u_zero", "f64x2.convert_low_i32x4_s", "f64x2.convert_low_i32x4_u");
        return names;
    }
}
