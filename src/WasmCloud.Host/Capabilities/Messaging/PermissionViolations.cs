using NATS.Client.Core;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>
/// The server's <c>-ERR 'Permissions Violation for Publish to "subject"'</c> for one subject, seen while an
/// operation on it runs: NATS reports a denied publish apart from the publish, so this is how it becomes the
/// operation's <c>permission-denied</c> rather than silence (a publish) or a timeout (a request).
/// </summary>
internal sealed class PermissionViolations : IDisposable
{
    private readonly INatsConnection _nats;
    private readonly string _quoted;
    private string? _seen;

    public PermissionViolations(INatsConnection nats, string subject)
    {
        _nats = nats;
        _quoted = $"\"{subject}\"";
        _nats.ServerError += OnServerError;
    }

    public string? Seen => Volatile.Read(ref _seen);

    private ValueTask OnServerError(object? sender, NatsServerErrorEventArgs args)
    {
        if (args.Error.Contains("Permissions Violation", StringComparison.OrdinalIgnoreCase) && args.Error.Contains(_quoted, StringComparison.Ordinal))
            Volatile.Write(ref _seen, $"the NATS server refused: {args.Error}");
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _nats.ServerError -= OnServerError;
}
