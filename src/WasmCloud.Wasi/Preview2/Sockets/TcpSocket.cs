using System.Net;
using System.Net.Sockets;
using WasmCloud.Wasi.Preview2.Io;

namespace WasmCloud.Wasi.Preview2.Sockets;

/// <summary>
/// The host object behind a wasi:sockets tcp-socket: the WIT's state machine over a .NET socket. Connecting
/// and accepting run as tasks the guest polls through <see cref="Ready"/>, so a waiting guest holds no thread.
/// </summary>
internal sealed class TcpSocket : IpSocket
{
    private enum State { Open, Connecting, Connected, ListenStarted, Listening, Closed }

    private State _state;
    private Task? _connect;
    private Task<Socket>? _accept;
    private int _backlog = 128;

    public TcpSocket(AddressFamily family) : base(Create(family, SocketType.Stream, ProtocolType.Tcp)) { }

    private TcpSocket(Socket accepted) : base(accepted) => _state = State.Connected;

    public bool IsListening => _state == State.Listening;

    public Task Ready => _state switch
    {
        State.Connecting => _connect!,
        State.Listening => _accept ??= Socket.AcceptAsync(),
        _ => Task.CompletedTask,
    };

    public void StartBind(WasiContext cx, IPEndPoint local)
    {
        if (_state != State.Open) throw NetworkException.InvalidState;
        StartBind(cx, local, SocketUse.TcpBind);
    }

    public void StartConnect(WasiContext cx, IPEndPoint remote)
    {
        if (_state is State.Connecting or State.ListenStarted || BindInProgress) throw NetworkException.ConcurrencyConflict;
        if (_state != State.Open) throw NetworkException.InvalidState;
        CheckRemote(remote);
        Permit(cx, remote, SocketUse.TcpConnect);
        _connect = Socket.ConnectAsync(remote);
        _state = State.Connecting;
    }

    public (InputStream Input, OutputStream Output) FinishConnect()
    {
        if (_state != State.Connecting) throw NetworkException.NotInProgress;
        if (!_connect!.IsCompleted) throw NetworkException.WouldBlock;
        if (_connect.Exception is { } failure)
        {
            _state = State.Closed;
            throw new NetworkException(NetworkException.CodeOf(failure.InnerException!));
        }
        _state = State.Connected;
        return Streams();
    }

    public void StartListen()
    {
        if (_state is State.Connecting or State.ListenStarted || BindInProgress) throw NetworkException.ConcurrencyConflict;
        if (_state != State.Open || !Socket.IsBound) throw NetworkException.InvalidState;
        Socket.Listen(_backlog);
        _state = State.ListenStarted;
    }

    public void FinishListen()
    {
        if (_state != State.ListenStarted) throw NetworkException.NotInProgress;
        _state = State.Listening;
    }

    public (TcpSocket Socket, InputStream Input, OutputStream Output) Accept()
    {
        if (_state != State.Listening) throw NetworkException.InvalidState;
        var pending = (Task<Socket>)Ready;
        if (!pending.IsCompleted) throw NetworkException.WouldBlock;
        _accept = null;
        if (pending.Exception is { } failure) throw new NetworkException(NetworkException.CodeOf(failure.InnerException!));
        var accepted = new TcpSocket(pending.Result);
        var (input, output) = accepted.Streams();
        return (accepted, input, output);
    }

    private (InputStream, OutputStream) Streams()
    {
        var network = new NetworkStream(Socket, ownsSocket: false);
        return (new StreamInput(network), new StreamOutput(network));
    }

    public IPEndPoint RemoteAddress => _state == State.Connected ? (IPEndPoint)Socket.RemoteEndPoint! : throw NetworkException.InvalidState;

    public void SetListenBacklogSize(ulong value)
    {
        if (value == 0) throw NetworkException.InvalidArgument;
        if (_state is State.Connecting or State.Connected) throw NetworkException.InvalidState;
        _backlog = (int)Math.Min(value, int.MaxValue);
        if (_state is State.ListenStarted or State.Listening) Socket.Listen(_backlog);
    }

    public void Shutdown(string how)
    {
        if (_state != State.Connected) throw NetworkException.InvalidState;
        Socket.Shutdown(how switch { "receive" => SocketShutdown.Receive, "send" => SocketShutdown.Send, _ => SocketShutdown.Both });
    }

    public bool KeepAliveEnabled
    {
        get => (int)Socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)! != 0;
        set => Socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, value);
    }

    /// <summary>Keep-alive idle time in nanoseconds; the kernel counts whole seconds, so a set value is rounded up.</summary>
    public ulong KeepAliveIdleTime
    {
        get => Seconds(SocketOptionName.TcpKeepAliveTime);
        set => SetSeconds(SocketOptionName.TcpKeepAliveTime, value);
    }

    public ulong KeepAliveInterval
    {
        get => Seconds(SocketOptionName.TcpKeepAliveInterval);
        set => SetSeconds(SocketOptionName.TcpKeepAliveInterval, value);
    }

    public uint KeepAliveCount
    {
        get => (uint)(int)Socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!;
        set => Socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, value > 0 ? (int)Math.Min(value, 127) : throw NetworkException.InvalidArgument);
    }

    private ulong Seconds(SocketOptionName option) => (ulong)(int)Socket.GetSocketOption(SocketOptionLevel.Tcp, option)! * 1_000_000_000;

    private void SetSeconds(SocketOptionName option, ulong nanoseconds)
    {
        if (nanoseconds == 0) throw NetworkException.InvalidArgument;
        var seconds = (int)Math.Min((nanoseconds + 999_999_999) / 1_000_000_000, 32767);
        Socket.SetSocketOption(SocketOptionLevel.Tcp, option, seconds);
    }
}
