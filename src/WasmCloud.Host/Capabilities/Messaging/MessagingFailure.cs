using NATS.Client.Core;

namespace WasmCloud.Host.Capabilities.Messaging;

/// <summary>The cases of <c>wasmcloud:messaging/types@0.3.0.error</c>.</summary>
internal enum MessagingFailureKind { Timeout, Connection, PermissionDenied, Other }

/// <summary>Why a publish or request failed, as the interface's error (0.2.0 carries only the message).</summary>
internal sealed record MessagingFailure(MessagingFailureKind Kind, string Message)
{
    public static MessagingFailure Of(Exception e, string what) => e switch
    {
        TimeoutException => new(MessagingFailureKind.Connection, $"{what}: {e.Message}"),
        NatsException when e.Message.Contains("Permissions Violation", StringComparison.OrdinalIgnoreCase) => new(MessagingFailureKind.PermissionDenied, $"{what}: {e.Message}"),
        NatsException => new(MessagingFailureKind.Connection, $"{what}: {e.Message}"),
        _ => new(MessagingFailureKind.Other, $"{what}: {e.Message}"),
    };
}
