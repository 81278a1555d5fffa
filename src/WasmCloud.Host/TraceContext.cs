using System.Diagnostics;
using NATS.Client.Core;

namespace WasmCloud.Host;

/// <summary>
/// W3C trace context across the lattice: a ctl request's <c>traceparent</c> becomes the parent of the host's
/// activity for it, and replies and events carry the current one on, as upstream's hosts do. Activities exist only
/// when something listens (an OpenTelemetry exporter); otherwise this costs a null check.
/// </summary>
internal static class TraceContext
{
    public static readonly ActivitySource Source = new("WasmCloud.Host", HostVersion.Current);

    /// <summary>Starts the activity of one ctl request, under the caller's trace when it sent one.</summary>
    public static Activity? StartCtl(string operation, NatsHeaders? headers)
    {
        ActivityContext.TryParse(Header(headers, "traceparent"), Header(headers, "tracestate"), out var parent);
        return Source.StartActivity($"ctl {operation}", ActivityKind.Server, parent);
    }

    /// <summary>Headers that carry the current trace on, or null when nothing is being traced.</summary>
    public static NatsHeaders? Headers()
    {
        if (Activity.Current is not { } activity) return null;
        var headers = new NatsHeaders { ["traceparent"] = activity.Id };
        if (activity.TraceStateString is { Length: > 0 } state) headers["tracestate"] = state;
        return headers;
    }

    private static string? Header(NatsHeaders? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var values) ? values.ToString() : null;
}
