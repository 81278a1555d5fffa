using WasmCloud.Wasm.Text;
using Xunit.Abstractions;
using WasmCloud.Testing;

namespace WasmCloud.Wasm.Tests.Text;

/// <summary>
/// The spec scripts' own modules, parsed from their text: every <c>module</c> command must give a valid
/// binary, and every module of an <c>assert_invalid</c> must parse (its fault is for the validator).
/// </summary>
public class SpecModuleTextTests(ITestOutputHelper output)
{
    [Fact]
    public void SpecModulesParseToValidOrMerelyInvalidBinaries()
    {
        var suite = Repository.Shared("wasm-spec-tests");
        if (suite is null)
        {
            output.WriteLine("skipped: ../shared not found");
            return;
        }
        var scripts = Directory.GetFiles(suite, "*.wast")
            .Concat(Directory.GetFiles(Path.Combine(suite, "proposals", "extended-const"), "*.wast"));
        var failures = new List<string>();
        int valid = 0, invalid = 0;
        foreach (var script in scripts)
        {
            foreach (var (command, module) in WastModules.Read(File.ReadAllText(script)))
            {
                var name = $"{Path.GetFileName(script)}: {module[..Math.Min(60, module.Length)]}";
                try
                {
                    var binary = WatParser.ParseModule(module);
                    if (command == "assert_invalid")
                    {
                        Assert.Throws<InvalidModuleException>(() => Module.Validate(binary));
                        invalid++;
                    }
                    else if (command is "module" or "assert_trap" or "assert_unlinkable" or "assert_uninstantiable")
                    {
                        Module.Validate(binary);
                        valid++;
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"{name}: {e.Message}");
                }
            }
        }
        output.WriteLine($"{valid} valid and {invalid} invalid modules parsed");
        Assert.Empty(failures);
        Assert.True(valid > 1000 && invalid > 500, $"too few modules found: {valid} valid, {invalid} invalid");
    }
}
