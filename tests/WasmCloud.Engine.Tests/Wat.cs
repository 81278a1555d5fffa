using System.Diagnostics;

namespace WasmCloud.Wasm.Tests;

/// <summary>Turns WebAssembly text into a binary with wabt's wat2wasm (installed by the test command).</summary>
internal static class Wat
{
    public static byte[] ToWasm(string text)
    {
        var directory = Directory.CreateTempSubdirectory("wat");
        try
        {
            var input = Path.Combine(directory.FullName, "module.wat");
            var output = Path.Combine(directory.FullName, "module.wasm");
            File.WriteAllText(input, text);
            var start = new ProcessStartInfo("wat2wasm", ["--debug-names", input, "-o", output]) { RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start wat2wasm");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"wat2wasm failed: {errors}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
