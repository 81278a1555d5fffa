using System.Reflection;
using System.Runtime.Intrinsics;
using WasmCloud.Wasm.Compilation;
using WasmCloud.Wasm.Format;
using ValueType = WasmCloud.Wasm.Format.ValueType;

namespace WasmCloud.Wasm.Tests;

public class SimdTests
{
    private static Instance Instantiate(string wat)
    {
        var engine = new Engine();
        return new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, Wat.ToWasm(wat)));
    }

    /// <summary>Each helper must take what compiled code pushes: address, operands, lane index, shuffle lanes.</summary>
    [Fact]
    public unsafe void EveryInstructionHasAHelperOfTheRightSignature()
    {
        for (var subOpcode = 0u; subOpcode <= 0xFF; subOpcode++)
        {
            if (SimdOps.Of(subOpcode) is not { } instruction) continue;
            var helper = SimdEmitter.Helper(subOpcode);
            var expected = new List<Type>();
            var operands = instruction.Operands.AsEnumerable();
            if (instruction.Immediate is SimdImmediate.MemArg or SimdImmediate.MemArgLane)
            {
                expected.Add(typeof(byte*));
                operands = operands.Skip(1);
            }
            expected.AddRange(operands.Select(ClrTypes.Of));
            if (instruction.Immediate is SimdImmediate.Lane or SimdImmediate.MemArgLane) expected.Add(typeof(int));
            if (instruction.Immediate == SimdImmediate.ShuffleLanes) expected.Add(typeof(Vector128<byte>));
            if (instruction.Immediate == SimdImmediate.Bytes16) expected.AddRange([typeof(long), typeof(long)]);
            Assert.True(expected.SequenceEqual(helper.GetParameters().Select(p => p.ParameterType)), $"parameters of {helper.Name} for 0xfd 0x{subOpcode:x}");
            Assert.Equal(ClrTypes.ReturnType(instruction.Results), helper.ReturnType);
        }
    }

    /// <summary>RyuJIT folds x*1, x-0, x+(-0), x/1 and NaN-constant arithmetic, which would keep a signalling NaN signalling.</summary>
    [Theory]
    [InlineData("f32x4.mul (local.get 0) (v128.const f32x4 1 1 1 1)", false)]
    [InlineData("f32x4.sub (local.get 0) (v128.const f32x4 0 0 0 0)", false)]
    [InlineData("f32x4.add (local.get 0) (v128.const f32x4 -0 -0 -0 -0)", false)]
    [InlineData("f32x4.div (local.get 0) (v128.const f32x4 1 1 1 1)", false)]
    [InlineData("f32x4.add (v128.const f32x4 nan:0x200000 nan:0x200000 nan:0x200000 nan:0x200000) (v128.const f32x4 0 0 0 0)", false)]
    [InlineData("f32x4.demote_f64x2_zero (f64x2.promote_low_f32x4 (local.get 0))", false)]
    [InlineData("f64x2.mul (local.get 0) (v128.const f64x2 1 1)", true)]
    [InlineData("f64x2.sub (local.get 0) (v128.const f64x2 0 0)", true)]
    [InlineData("f64x2.add (local.get 0) (v128.const f64x2 -0 -0)", true)]
    public void ArithmeticQuietsSignallingNaNs(string body, bool f64)
    {
        var instance = Instantiate($"(module (func (export \"f\") (param v128) (result v128) ({body})))");
        var signalling = f64 ? Vector128.Create(0x7FF4000000000000ul).AsByte() : Vector128.Create(0x7FA00000u).AsByte();
        var quietBit = f64 ? 0x0008000000000000ul : 0x00400000ul;
        var result = instance.GetFunction("f")!.Call(Value.V128(signalling))[0].AsV128();
        var lane = f64 ? result.AsUInt64().GetElement(0) : result.AsUInt32().GetElement(0);
        Assert.True((lane & quietBit) != 0, $"lane 0 is 0x{lane:x}");
    }

    [Fact]
    public void V128FlowsThroughGlobalsSelectCallsAndHostFunctions()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        linker.DefineFunction("host", "swap", new FuncType([ValueType.V128, ValueType.V128], [ValueType.V128, ValueType.V128]),
            (_, args, results) => (results[0], results[1]) = (args[1], args[0]));
        var module = Module.FromBytes(engine, Wat.ToWasm("""
            (module
              (import "host" "swap" (func $swap (param v128 v128) (result v128 v128)))
              (global $g (export "g") (mut v128) (v128.const i64x2 7 8))
              (func (export "f") (param $a v128) (param $which i32) (result v128 v128)
                (local $b v128)
                (local.set $b (global.get $g))
                (global.set $g (local.get $a))
                (call $swap (select (local.get $a) (local.get $b) (local.get $which)) (local.get $b))))
            """));
        var instance = linker.Instantiate(new Store(engine), module);
        var a = Vector128.Create(1L, 2L).AsByte();
        var results = instance.GetFunction("f")!.Call(Value.V128(a), Value.I32(1));
        Assert.Equal(Vector128.Create(7L, 8L).AsByte(), results[0].AsV128());
        Assert.Equal(a, results[1].AsV128());
        Assert.Equal(a, instance.GetGlobal("g")!.Value.AsV128());
    }
}
