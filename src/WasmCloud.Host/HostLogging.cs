using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace WasmCloud.Host;

/// <summary>The host's logs: readable lines on stderr, or JSON lines with <c>--enable-structured-logging</c>, at <c>--log-level</c>.</summary>
internal static class HostLogging
{
    public static ILoggerFactory Create(string level, bool structured)
    {
        var minimum = level.ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "info" => LogLevel.Information,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            _ => throw new HostConfigurationException($"--log-level `{level}` is not one of trace, debug, info, warn, error"),
        };
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(minimum);
            builder.AddFilter("Microsoft", LogLevel.Warning);
            if (structured) builder.AddJsonConsole(options => options.TimestampFormat = "O");
            else builder.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                options.UseUtcTimestamp = true;
            });
            builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        });
    }
}
