using WasmCloud.Wasi.Preview1;

namespace WasmCloud.Wasi.Tests;

public sealed class SandboxTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("sandbox");

    public void Dispose() => _root.Delete(recursive: true);

    private Errno Resolve(string path, out string host) =>
        Sandbox.Resolve(new DirectoryDescriptor(_root.FullName, _root.FullName, "/"), path, out host);

    [Theory]
    [InlineData("a/b.txt", "a/b.txt")]
    [InlineData("./a/../c", "c")]
    [InlineData("a//b", "a/b")]
    public void PathsInsideResolveBelowTheRoot(string guest, string expected)
    {
        Assert.Equal(Errno.Success, Resolve(guest, out var host));
        Assert.Equal(Path.Combine(_root.FullName, expected), host);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/passwd")]
    public void EscapesAreNotCapable(string guest)
    {
        Assert.Equal(Errno.NotCapable, Resolve(guest, out _));
    }

    [Fact]
    public void LinksPointingOutsideAreNotCapable()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "up"), Path.GetTempPath());
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "inside"), Path.Combine(_root.FullName, "target"));
        Assert.Equal(Errno.NotCapable, Resolve("up/anything", out _));
        Assert.Equal(Errno.Success, Resolve("inside", out _));
    }
}
