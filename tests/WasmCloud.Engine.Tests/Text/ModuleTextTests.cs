using WasmCloud.Wasm.Text;
using static WasmCloud.Wasm.Tests.Text.TextModules;

namespace WasmCloud.Wasm.Tests.Text;

public class ModuleTextTests
{
    [Fact]
    public void CommentsNestAndFoldedAndPlainInstructionsMix()
    {
        var result = CallF("""
            ;; a line comment
            (module (; a (; nested ;) block comment ;)
              (func $add (export "f") (param $a i32) (param $b i32) (result i32)
                local.get $a
                (i32.add (local.get $b))))
            """, Value.I32(40), Value.I32(2));
        Assert.Equal(42, result.AsI32());
    }

    [Fact]
    public void LabelsResolveByNameAndBlocksTakeTypeUses()
    {
        var result = CallF("""
            (func (export "f") (param i32) (result i32)
              (block $outer (result i32)
                (block $inner
                  (br_if $inner (local.get 0))
                  (br $outer (i32.const 1)))
                (if (result i32) (local.get 0) (then (i32.const 2)) (else (i32.const 3)))
                (block (param i32) (result i32) (i32.add (i32.const 10)))))
            """, Value.I32(1));
        Assert.Equal(12, result.AsI32());
    }

    [Fact]
    public void InlineElemDataImportAndExportAbbreviations()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, """
            (module
              (func $add5 (import "env" "add5") (param i32) (result i32))
              (memory (export "m") (data "hello"))
              (table $t funcref (elem $add5 $double))
              (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "f") (param i32) (result i32)
                (call_indirect $t (param i32) (result i32) (i32.const 10) (local.get 0))))
            """);
        var linker = new Linker(engine);
        linker.DefineFunction("env", "add5", (int x) => x + 5);
        var instance = linker.Instantiate(new Store(engine), module);
        Assert.Equal(15, instance.GetFunction("f")!.Call(Value.I32(0))[0].AsI32());
        Assert.Equal(20, instance.GetFunction("f")!.Call(Value.I32(1))[0].AsI32());
        Assert.Equal(1u, instance.GetMemory("m")!.Pages);
        Assert.Equal("hello"u8.ToArray(), instance.GetMemory("m")!.Span[..5].ToArray());
    }

    [Fact]
    public void ImplicitTypesReuseEarlierAndLaterDefinitions()
    {
        var binary = WatParser.ParseModule("""
            (func $f (result f64) (f64.const 0))
            (func $g (param i32))
            (func $h (result f64) (f64.const 1))
            (type $t (func (param i32)))
            """);
        var definition = Module.FromBytes(new Engine(), binary).Definition;
        Assert.Equal(2, definition.Types.Length);
        Assert.Equal([1, 0, 1], definition.FunctionTypes);
    }

    [Fact]
    public void IdentifiersBecomeTheNameSectionThatBacktracesUse()
    {
        var instance = Instantiate("""
            (module $calc
              (func $divide (export "f") (param $a i32) (result i32)
                (i32.div_u (local.get $a) (i32.const 0))))
            """);
        Assert.Equal("calc", instance.Module.Name);
        var trap = Assert.Throws<WasmTrap>(() => instance.GetFunction("f")!.Call(Value.I32(1)));
        Assert.Equal("calc!divide", trap.Backtrace[0].ToString());
    }

    [Fact]
    public void DeepNestingParsesOnALargeStackUpToALimit()
    {
        static string Nested(int depth) => $"(func {string.Concat(Enumerable.Repeat("(block ", depth))}{new string(')', depth)})";
        Assert.NotEmpty(WatParser.ParseModule(Nested(100_000)));
        Assert.Contains("nested more than 100000 deep", Malformed(Nested(100_001)).Message);
    }

    [Fact]
    public void ScriptFormsBinaryAndQuoteAreAccepted()
    {
        var quoted = WatParser.ParseModule("""(module $m quote "(func (export \"f\")" " (result i32) (i32.const 3))")""");
        Assert.Equal(3, CallF($"(module binary \"{string.Concat(quoted.Select(b => $"\\{b:x2}"))}\")").AsI32());
    }

    [Fact]
    public void ErrorsNameLineAndColumn()
    {
        var error = Malformed("(module\n  (func (drop\n    (i32.cnst 2))))");
        Assert.Contains("3:6: unknown operator i32.cnst", error.Message);
        Assert.Contains("1:20: mismatching label $b", Malformed("(func block $a end $b)").Message);
        Assert.Contains("2:7: duplicate func $f", Malformed("(func $f)\n(func $f)").Message);
    }

    [Theory]
    [InlineData("(data\"a\")")]
    [InlineData("(func br 0drop)")]
    [InlineData("(func (export \"\\ff\"))")]
    [InlineData("(func) (import \"\" \"\" (func))")]
    [InlineData("(type $t (func)) (func (type $t) (param i32))")]
    [InlineData("(func (param $x i32) (local $x i32))")]
    [InlineData("(func (; unterminated")]
    [InlineData("(func (i32.load align=3 (i32.const 0)))")]
    public void MalformedTextIsRejected(string text) => Malformed(text);

    [Fact]
    public void SimdConstantsLanesAndShuffles()
    {
        var result = CallF("""
            (func (export "f") (result i32)
              (i32x4.extract_lane 3
                (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 16 17 18 19
                  (v128.const i32x4 1 2 3 4)
                  (v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0xff))))
            """);
        Assert.Equal(255, result.AsI32());
        Assert.Contains("constant out of range", Malformed("(func (drop (v128.const i16x8 0 0 0 0 0 0 0 65536)))").Message);
    }

    [Fact]
    public void FromFileReadsTextByExtension()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wat-{Guid.NewGuid():N}.wat");
        File.WriteAllText(path, "(module (func (export \"f\") (result i64) (i64.const 7)))");
        try
        {
            var engine = new Engine();
            var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromFile(engine, path));
            Assert.Equal(7L, instance.GetFunction("f")!.Call()[0].AsI64());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
