using WasmCloud.Testing;

namespace WasmCloud.Wash.Tests;

public class InvokeTests
{
    private static readonly string Add = Repository.PathOf("bench/InstantiateBench/Inputs/add.component.wasm");

    [Fact]
    public void CallsAComponentExportWithWaveArgumentsAndPrintsTheResultInWave()
    {
        var (exitCode, stdout, stderr) = WashRunner.Run("run", Add, "--invoke", "add(40, 2)");
        Assert.Equal("", stderr);
        Assert.Equal(0, exitCode);
        Assert.Equal("42", stdout.Trim());
    }

    [Theory]
    [InlineData("add(40, \"x\")", "at character 5: expected an integer, found string \"x\"")]
    [InlineData("add(1)", "missing argument 'b'")]
    [InlineData("add(1, 2, 3)", "too many arguments")]
    [InlineData("add(4294967296, 1)", "out of range for u32")]
    [InlineData("sub(1, 2)", "exports no function 'sub' (it exports: add)")]
    [InlineData("add(1", "a call is written name(arguments)")]
    [InlineData("wasi:cli/run#run()", "exports no interface 'wasi:cli/run'")]
    public void AMalformedCallOrWronglyTypedArgumentIsOneClearLine(string call, string message)
    {
        var (exitCode, stdout, stderr) = WashRunner.Run("run", Add, "--invoke", call);
        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }
}
