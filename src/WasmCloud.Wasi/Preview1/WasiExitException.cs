namespace WasmCloud.Wasi.Preview1;

/// <summary>Thrown through the guest by <c>proc_exit</c>; the embedder turns it into the process exit code.</summary>
public sealed class WasiExitException : Exception
{
    public WasiExitException(int exitCode) : base($"the guest exited with code {exitCode}") => ExitCode = exitCode;

    public int ExitCode { get; }
}
