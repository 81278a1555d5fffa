using WasmCloud.Testing;

namespace WasmCloud.Wash.Tests;

public class InspectTests
{
    [Fact]
    public void PrintsAComponentsWorldAsWit()
    {
        var (exitCode, stdout, stderr) = WashRunner.Run(new System.CommandLine.RootCommand { InspectCommand.Create() },
            "inspect", Repository.PathOf("bench/InstantiateBench/Inputs/add.component.wasm"));
        Assert.Equal("", stderr);
        Assert.Equal(0, exitCode);
        Assert.Contains("world", stdout);
        Assert.Contains("export add: func(a: u32, b: u32) -> u32;", stdout);
    }

    [Fact]
    public void ListsACoreModulesImportsAndExports()
    {
        var (exitCode, stdout, _) = WashRunner.Run(new System.CommandLine.RootCommand { InspectCommand.Create() },
            "inspect", Repository.PathOf("examples/fib/fib.wasm"));
        Assert.Equal(0, exitCode);
        Assert.Contains("export fib: function", stdout);
    }

    [Fact]
    public void AFileThatIsNotWebAssemblyIsOneErrorLine()
    {
        var (exitCode, _, stderr) = WashRunner.Run(new System.CommandLine.RootCommand { InspectCommand.Create() },
            "inspect", Repository.PathOf("README.md"));
        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains("magic header", stderr);
    }
}

public class InspectComponentizeJsTests
{
    [Fact]
    public void PrintsTheWorldOfAComponentizeJsComponent()
    {
        var (exitCode, stdout, stderr) = WashRunner.Run(new System.CommandLine.RootCommand { InspectCommand.Create() },
            "inspect", Repository.PathOf("tests/WasmCloud.Components.Tests/Fixtures/hello.wasm"));
        Assert.Equal("", stderr);
        Assert.Equal(0, exitCode);
        Assert.Contains("import wasi:http/types@0.2.10;", stdout);
        Assert.Contains("import wasi:io/streams@0.2.12;", stdout);
        Assert.Contains("export hello: func(name: string) -> string;", stdout);
        Assert.Contains("resource incoming-request {", stdout);
    }
}
