using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using WasmCloud.Host;

var commandLine = new HostCommandLine();
var root = commandLine.Command();
root.SetAction(async (result, cancel) =>
{
    using var loggers = HostLogging.Create(commandLine.LogLevel(result), commandLine.StructuredLogging(result));
    var log = loggers.CreateLogger("wasmcloud");
    LatticeHost host;
    try
    {
        host = await LatticeHost.StartAsync(commandLine.Read(result, WasmCloud.Wasm.CompileCacheLocation.Resolve()), loggers, cancel);
    }
    catch (HostConfigurationException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }
    // SIGTERM (from wash down, systemd, a container runtime) stops the host as Ctrl-C does.
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
    {
        signal.Cancel = true;
        _ = host.StopAsync();
    });
    await using (host)
    {
        await Task.WhenAny(host.Stopped, Task.Delay(Timeout.Infinite, cancel)).ContinueWith(_ => { }, TaskScheduler.Default);
        await host.StopAsync();
    }
    log.LogInformation("host stopped");
    return 0;
});
return await root.Parse(args).InvokeAsync();
