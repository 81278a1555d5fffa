using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;

namespace WasmCloud.Wasm.Compilation;

/// <summary>Emits the CIL of each numeric instruction; operands are already on the IL stack.</summary>
internal static class NumericEmitter
{
    private static readonly MethodInfo[] Helpers = new MethodInfo[0xC5];
    private static readonly MethodInfo[] SaturatingHelpers = new MethodInfo[8];

    static NumericEmitter()
    {
        void Map(int opcode, Type type, string name, params Type[] args) =>
            Helpers[opcode] = type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, args)
                ?? throw new MissingMethodException(type.Name, name);
        var support = typeof(NumericSupport);
        var bits = typeof(BitOperations);
        Map(0x67, bits, nameof(BitOperations.LeadingZeroCount), typeof(uint));
        Map(0x68, bits, nameof(BitOperations.TrailingZeroCount), typeof(int));
        Map(0x69, bits, nameof(BitOperations.PopCount), typeof(uint));
        Map(0x6F, support, nameof(NumericSupport.I32RemS), typeof(int), typeof(int));
        Map(0x77, bits, nameof(BitOperations.RotateLeft), typeof(uint), typeof(int));
        Map(0x78, bits, nameof(BitOperations.RotateRight), typeof(uint), typeof(int));
        Map(0x79, bits, nameof(BitOperations.LeadingZeroCount), typeof(ulong));
        Map(0x7A, bits, nameof(BitOperations.TrailingZeroCount), typeof(long));
        Map(0x7B, bits, nameof(BitOperations.PopCount), typeof(ulong));
        Map(0x81, support, nameof(NumericSupport.I64RemS), typeof(long), typeof(long));
        Map(0x89, bits, nameof(BitOperations.RotateLeft), typeof(ulong), typeof(int));
        Map(0x8A, bits, nameof(BitOperations.RotateRight), typeof(ulong), typeof(int));
        Map(0x8B, support, nameof(NumericSupport.F32Abs), typeof(float));
        Map(0x8C, support, nameof(NumericSupport.F32Neg), typeof(float));
        Map(0x8D, typeof(MathF), nameof(MathF.Ceiling), typeof(float));
        Map(0x8E, typeof(MathF), nameof(MathF.Floor), typeof(float));
        Map(0x8F, typeof(MathF), nameof(MathF.Truncate), typeof(float));
        Map(0x90, support, nameof(NumericSupport.F32Nearest), typeof(float));
        Map(0x91, typeof(MathF), nameof(MathF.Sqrt), typeof(float));
        Map(0x96, support, nameof(NumericSupport.F32Min), typeof(float), typeof(float));
        Map(0x97, support, nameof(NumericSupport.F32Max), typeof(float), typeof(float));
        Map(0x98, support, nameof(NumericSupport.F32CopySign), typeof(float), typeof(float));
        Map(0x99, support, nameof(NumericSupport.F64Abs), typeof(double));
        Map(0x9A, support, nameof(NumericSupport.F64Neg), typeof(double));
        Map(0x9B, typeof(Math), nameof(Math.Ceiling), typeof(double));
        Map(0x9C, typeof(Math), nameof(Math.Floor), typeof(double));
        Map(0x9D, typeof(Math), nameof(Math.Truncate), typeof(double));
        Map(0x9E, support, nameof(NumericSupport.F64Nearest), typeof(double));
        Map(0x9F, typeof(Math), nameof(Math.Sqrt), typeof(double));
        Map(0xA4, support, nameof(NumericSupport.F64Min), typeof(double), typeof(double));
        Map(0xA5, support, nameof(NumericSupport.F64Max), typeof(double), typeof(double));
        Map(0xA6, support, nameof(NumericSupport.F64CopySign), typeof(double), typeof(double));
        Map(0xA8, support, nameof(NumericSupport.I32TruncF32S), typeof(float));
        Map(0xA9, support, nameof(NumericSupport.I32TruncF32U), typeof(float));
        Map(0xAA, support, nameof(NumericSupport.I32TruncF64S), typeof(double));
        Map(0xAB, support, nameof(NumericSupport.I32TruncF64U), typeof(double));
        Map(0xAE, support, nameof(NumericSupport.I64TruncF32S), typeof(float));
        Map(0xAF, support, nameof(NumericSupport.I64TruncF32U), typeof(float));
        Map(0xB0, support, nameof(NumericSupport.I64TruncF64S), typeof(double));
        Map(0xB1, support, nameof(NumericSupport.I64TruncF64U), typeof(double));
        Map(0xB4, support, nameof(NumericSupport.F32ConvertI64S), typeof(long));
        Map(0xB5, support, nameof(NumericSupport.F32ConvertI64U), typeof(long));
        Map(0xBA, support, nameof(NumericSupport.F64ConvertI64U), typeof(long));
        Map(0xBC, typeof(BitConverter), nameof(BitConverter.SingleToInt32Bits), typeof(float));
        Map(0xBD, typeof(BitConverter), nameof(BitConverter.DoubleToInt64Bits), typeof(double));
        Map(0xBE, typeof(BitConverter), nameof(BitConverter.Int32BitsToSingle), typeof(int));
        Map(0xBF, typeof(BitConverter), nameof(BitConverter.Int64BitsToDouble), typeof(long));

        string[] saturating =
        [
            nameof(NumericSupport.I32TruncSatF32S), nameof(NumericSupport.I32TruncSatF32U),
            nameof(NumericSupport.I32TruncSatF64S), nameof(NumericSupport.I32TruncSatF64U),
            nameof(NumericSupport.I64TruncSatF32S), nameof(NumericSupport.I64TruncSatF32U),
            nameof(NumericSupport.I64TruncSatF64S), nameof(NumericSupport.I64TruncSatF64U),
        ];
        for (var i = 0; i < saturating.Length; i++) SaturatingHelpers[i] = ClrTypes.Method(support, saturating[i]);
    }

    public static void Emit(CilWriter il, ushort opcode)
    {
        if (opcode >= 0xFC00)
        {
            il.Op(OpCodes.Call, SaturatingHelpers[opcode - 0xFC00]);
            return;
        }
        if (Helpers[opcode] is { } helper)
        {
            // The i64 rotate count arrives as i64; the helper takes an int (and masks it itself).
            if (opcode is 0x89 or 0x8A) il.Op(OpCodes.Conv_I4);
            il.Op(OpCodes.Call, helper);
            // Bit-count helpers return int; the Wasm i64 variants produce i64.
            if (opcode is 0x79 or 0x7A or 0x7B) il.Op(OpCodes.Conv_I8);
            return;
        }

        switch (opcode)
        {
            case 0x45 or 0x50: // eqz
                if (opcode == 0x50) il.Op(OpCodes.Ldc_I8, 0L);
                else il.Op(OpCodes.Ldc_I4_0);
                il.Op(OpCodes.Ceq);
                break;
            case 0x46 or 0x51 or 0x5B or 0x61: il.Op(OpCodes.Ceq); break; // eq
            case 0x47 or 0x52 or 0x5C or 0x62: Negate(il, OpCodes.Ceq); break; // ne
            case 0x48 or 0x53: il.Op(OpCodes.Clt); break; // lt_s
            case 0x49 or 0x54: il.Op(OpCodes.Clt_Un); break; // lt_u
            case 0x4A or 0x55: il.Op(OpCodes.Cgt); break; // gt_s
            case 0x4B or 0x56: il.Op(OpCodes.Cgt_Un); break; // gt_u
            case 0x4C or 0x57: Negate(il, OpCodes.Cgt); break; // le_s
            case 0x4D or 0x58: Negate(il, OpCodes.Cgt_Un); break; // le_u
            case 0x4E or 0x59: Negate(il, OpCodes.Clt); break; // ge_s
            case 0x4F or 0x5A: Negate(il, OpCodes.Clt_Un); break; // ge_u
            case 0x5D or 0x63: il.Op(OpCodes.Clt); break; // float lt
            case 0x5E or 0x64: il.Op(OpCodes.Cgt); break; // float gt
            // Unordered comparisons are true for NaN, so their negation is the ordered le/ge.
            case 0x5F or 0x65: Negate(il, OpCodes.Cgt_Un); break; // float le
            case 0x60 or 0x66: Negate(il, OpCodes.Clt_Un); break; // float ge
            case 0x6A or 0x7C or 0x92 or 0xA0: il.Op(OpCodes.Add); break;
            case 0x6B or 0x7D or 0x93 or 0xA1: il.Op(OpCodes.Sub); break;
            case 0x6C or 0x7E or 0x94 or 0xA2: il.Op(OpCodes.Mul); break;
            case 0x6D or 0x7F or 0x95 or 0xA3: il.Op(OpCodes.Div); break;
            case 0x6E or 0x80: il.Op(OpCodes.Div_Un); break;
            case 0x70 or 0x82: il.Op(OpCodes.Rem_Un); break;
            case 0x71 or 0x83: il.Op(OpCodes.And); break;
            case 0x72 or 0x84: il.Op(OpCodes.Or); break;
            case 0x73 or 0x85: il.Op(OpCodes.Xor); break;
            case 0x74: Shift(il, OpCodes.Shl, 31); break;
            case 0x75: Shift(il, OpCodes.Shr, 31); break;
            case 0x76: Shift(il, OpCodes.Shr_Un, 31); break;
            case 0x86: Shift64(il, OpCodes.Shl); break;
            case 0x87: Shift64(il, OpCodes.Shr); break;
            case 0x88: Shift64(il, OpCodes.Shr_Un); break;
            case 0xA7: il.Op(OpCodes.Conv_I4); break; // wrap
            case 0xAC: il.Op(OpCodes.Conv_I8); break; // extend_i32_s
            case 0xAD: il.Op(OpCodes.Conv_U8); break; // extend_i32_u
            case 0xB2: il.Op(OpCodes.Conv_R4); break; // f32.convert_i32_s
            case 0xB3: il.Op(OpCodes.Conv_U8); il.Op(OpCodes.Conv_R4); break; // f32.convert_i32_u
            case 0xB6: il.Op(OpCodes.Conv_R4); break; // demote
            case 0xB7: il.Op(OpCodes.Conv_R8); break; // f64.convert_i32_s
            case 0xB8: il.Op(OpCodes.Conv_U8); il.Op(OpCodes.Conv_R8); break; // f64.convert_i32_u
            case 0xB9: il.Op(OpCodes.Conv_R8); break; // f64.convert_i64_s
            case 0xBB: il.Op(OpCodes.Conv_R8); break; // promote
            case 0xC0: il.Op(OpCodes.Conv_I1); break; // i32.extend8_s
            case 0xC1: il.Op(OpCodes.Conv_I2); break; // i32.extend16_s
            case 0xC2: il.Op(OpCodes.Conv_I1); il.Op(OpCodes.Conv_I8); break;
            case 0xC3: il.Op(OpCodes.Conv_I2); il.Op(OpCodes.Conv_I8); break;
            case 0xC4: il.Op(OpCodes.Conv_I4); il.Op(OpCodes.Conv_I8); break;
            default: throw new InvalidOperationException($"no emission for numeric opcode 0x{opcode:x2}");
        }
    }

    private static void Negate(CilWriter il, OpCode compare)
    {
        il.Op(compare);
        il.Op(OpCodes.Ldc_I4_0);
        il.Op(OpCodes.Ceq);
    }

    // CIL leaves over-wide shift counts undefined; Wasm takes them modulo the width.
    private static void Shift(CilWriter il, OpCode shift, int mask)
    {
        il.LoadConstant(mask);
        il.Op(OpCodes.And);
        il.Op(shift);
    }

    private static void Shift64(CilWriter il, OpCode shift)
    {
        il.Op(OpCodes.Conv_I4);
        Shift(il, shift, 63);
    }
}
