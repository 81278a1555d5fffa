using System.Net.Sockets;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>A wasi:sockets error-code, thrown by the host code and returned to the guest as <c>error(code)</c>.</summary>
internal sealed class NetworkException(string code) : Exception($"socket error: {code}")
{
    public string Code { get; } = code;

    public static NetworkException WouldBlock => new("would-block");
    public static NetworkException InvalidState => new("invalid-state");
    public static NetworkException InvalidArgument => new("invalid-argument");
    public static NetworkException AccessDenied => new("access-denied");
    public static NetworkException NotInProgress => new("not-in-progress");
    public static NetworkException ConcurrencyConflict => new("concurrency-conflict");

    /// <summary>The error-code for what the operating system reported.</summary>
    public static string CodeOf(Exception exception) => exception switch
    {
        NetworkException network => network.Code,
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.AccessDenied => "access-denied",
            SocketError.AddressFamilyNotSupported or SocketError.ProtocolNotSupported or SocketError.OperationNotSupported => "not-supported",
            SocketError.InvalidArgument or SocketError.Fault => "invalid-argument",
            SocketError.NoBufferSpaceAvailable => "out-of-memory",
            SocketError.TimedOut => "timeout",
            SocketError.AlreadyInProgress => "concurrency-conflict",
            SocketError.WouldBlock => "would-block",
            SocketError.IsConnected or SocketError.NotConnected or SocketError.Shutdown => "invalid-state",
            SocketError.TooManyOpenSockets => "new-socket-limit",
            SocketError.AddressNotAvailable => "address-not-bindable",
            SocketError.AddressAlreadyInUse => "address-in-use",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown => "remote-unreachable",
            SocketError.ConnectionRefused => "connection-refused",
            SocketError.ConnectionReset or SocketError.NetworkReset => "connection-reset",
            SocketError.ConnectionAborted => "connection-aborted",
            SocketError.MessageSize => "datagram-too-large",
            SocketError.HostNotFound or SocketError.NoData => "name-unresolvable",
            SocketError.TryAgain => "temporary-resolver-failure",
            SocketError.NoRecovery => "permanent-resolver-failure",
            _ => "unknown",
        },
        ObjectDisposedException => "invalid-state",
        _ => "unknown",
    };
}
