using WasmCloud.Wasm;

namespace WasmCloud.Wasm.Tests;

/// <summary>A function split into chunk methods behaves exactly like the same function compiled whole.</summary>
public class FunctionSplittingTests
{
    private static readonly byte[] Wasm = Wat.ToWasm("""
        (module
          (memory 1)
          (func $pair (param i32) (result i32 i64) (local.get 0) (i64.extend_i32_u (local.get 0)))
          (func (export "run") (param $n i32) (param $ref externref) (result i64 f64 i32)
            (local $i i32) (local $acc i64) (local $f f32) (local $d f64) (local $v v128) (local $keep externref)
            (local.set $keep (local.get $ref))
            (local.set $v (v128.const i32x4 1 2 3 4))
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (block $three (block $two (block $one (block $zero
                  (br_table $zero $one $two $three (i32.rem_u (local.get $i) (i32.const 4))))
                  (local.set $acc (i64.add (local.get $acc) (i64.const 1)))
                  (br $next (local.set $i (i32.add (local.get $i) (i32.const 1)))))
                  (local.set $f (f32.add (local.get $f) (f32.const 0.5)))
                  (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (local.get $i))))
                  (local.set $d (f64.add (local.get $d) (f64.convert_i32_u (local.get $i))))
                  (if (i32.eq (local.get $i) (i32.const 1000))
                    (then (return (i64.const -1) (f64.const -1) (i32.const -1)))))
                (local.set $v (i32x4.add (local.get $v) (local.get $v)))
                (call $pair (local.get $i))
                (local.set $acc (i64.add (local.get $acc)))
                drop
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (i64.add (local.get $acc) (i64.extend_i32_u (i32.load (i32.const 0))))
            (f64.add (local.get $d) (f64.promote_f32 (local.get $f)))
            (i32.add (i32x4.extract_lane 3 (local.get $v)) (ref.is_null (local.get $keep)))))
        """);

    private static Value[] Run(int splitThreshold, int n)
    {
        var engine = new Engine(new EngineConfig { FunctionSplitThreshold = splitThreshold });
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, Wasm));
        return instance.GetFunction("run")!.Call(Value.I32(n), Value.ExternRef(null));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(64)]
    public void ALongFunctionBecomesSeveralMethods(int threshold)
    {
        var module = Module.FromBytes(new Engine(new EngineConfig { FunctionSplitThreshold = threshold }), Wasm);
        var chunks = module.Code.Type.GetMethods().Count(m => m.Name.StartsWith("wasm-function[1]#", StringComparison.Ordinal));
        Assert.True(chunks >= 2, $"{chunks} chunk methods");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(2000)]
    public void SplitAndWholeCompilationsAgree(int n)
    {
        var whole = Run(int.MaxValue, n);
        foreach (var threshold in new[] { 1, 8, 24, 64 }) Assert.Equal(whole, Run(threshold, n));
    }
}
